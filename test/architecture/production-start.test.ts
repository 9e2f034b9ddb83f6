import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/**
 * The service runs with the same node flags however it is started in production: the Docker
 * image's CMD and `npm run start:prod` (which the bench runs, so what it measures is what ships).
 */
describe('production start', () => {
  it('the Docker CMD and npm run start:prod run the compiled service with the same node flags', () => {
    const script = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['start:prod']!.split(/\s+/);
    const cmdLine = /^CMD (\[.*\])$/m.exec(read('Dockerfile'));
    expect(cmdLine).not.toBeNull();
    const cmd = JSON.parse(cmdLine![1]!) as string[];
    expect(cmd).toEqual(script);
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('dist/src/main.js');
    // The heap flags behind README "Performance"'s memory figure.
    expect(cmd).toEqual(expect.arrayContaining(['--max-semi-space-size=8', '--heap-growing-percent=50']));
  });
});
