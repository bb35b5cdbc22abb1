// Checkpoints a SQLite write-ahead log from a connection of its own, so that copying a large
// transaction into the database file does not hold the server's thread (db/database.ts,
// bulkTransaction). PASSIVE: it never waits for, nor blocks, the server's connection.
const { workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.file, { fileMustExist: true });
try {
  db.pragma('wal_checkpoint(PASSIVE)');
} finally {
  db.close();
}
