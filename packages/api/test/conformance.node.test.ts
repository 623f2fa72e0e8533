// The API's conformance suite against handle() on memory ports (what the server runs over HTTP on
// PGlite and PostgreSQL), with every answer checked against its SDK schema as it leaves.
import { describe, it } from 'node:test';
import { apiSuite, memorySuiteHost } from '../src/testing/index.js';

apiSuite({ describe, it }, memorySuiteHost());
