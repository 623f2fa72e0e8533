#!/usr/bin/env node
// The `memberkit-server` command (see `memberkit-server --help`).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
