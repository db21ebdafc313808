import { generateSecrets } from "./lib/demo-secrets";

// Secrets for this test file's process, generated (never the source's, nor the install's .data/secrets.json):
// the app's code under test, the emulator the harnesses start and the tests' own signatures read the same ones.
Object.assign(process.env, generateSecrets());
