import { removeTempDirs } from './cli.js';

// Every test file's temp directories go when the file is done, whatever it left in them.
afterAll(removeTempDirs);
