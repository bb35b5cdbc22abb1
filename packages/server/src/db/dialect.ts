/** The two databases the server runs on. Its own module so migrations need not import database.ts, which lists them. */
export type Dialect = 'sqlite' | 'postgres';
