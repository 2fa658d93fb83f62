/** The shutdown deadline from the environment: a default, an empty value meaning the default, a bad value refused by name. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/core/config.js';

describe('SHUTDOWN_DEADLINE_MS', () => {
  it('defaults to 8 s, also when set empty (an empty value must not mean "exit at once")', () => {
    expect(loadConfig({}).SHUTDOWN_DEADLINE_MS).toBe(8000);
    expect(loadConfig({ SHUTDOWN_DEADLINE_MS: '' }).SHUTDOWN_DEADLINE_MS).toBe(8000);
    expect(loadConfig({ SHUTDOWN_DEADLINE_MS: '1500' }).SHUTDOWN_DEADLINE_MS).toBe(1500);
  });

  it('refuses a value that is not a number of milliseconds, naming the variable', () => {
    expect(() => loadConfig({ SHUTDOWN_DEADLINE_MS: 'soon' })).toThrow(ConfigError);
    expect(() => loadConfig({ SHUTDOWN_DEADLINE_MS: '-5' })).toThrow(/SHUTDOWN_DEADLINE_MS/);
  });
});
