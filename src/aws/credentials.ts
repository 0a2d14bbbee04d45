/** What the tool hands to an SDK client as `credentials`: static keys or a provider. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type ClientCredentials = StaticCredentials | (() => Promise<StaticCredentials>);
