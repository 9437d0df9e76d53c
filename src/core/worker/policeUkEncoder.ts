/**
 * Entry of the thread that reads and encodes a large police.uk CSV while the engine writes
 * (importers/formats/policeUkThread.ts). A bundle of its own (dist/core/policeUkEncoder.js)
 * holding only the CSV reader and the encoder: started from the whole engine bundle, the
 * thread spent half a second loading SheetJS, SQLite and the rest before reading a row, on
 * the critical path of every large import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runEncoderThread, type EncoderJob } from '../importers/formats/policeUkThread';

void runEncoderThread(parentPort!, (workerData as { job: EncoderJob }).job);
