/** Random ids for things the chat refers back to (answer buttons, expert tickets). */
import { randomUUID } from 'node:crypto';

/** Hex characters of an id: 64 bits never collide among the ids a process keeps, and leave room in Discord's 100-character custom_id. */
export const ID_LENGTH = 16;

/** A random id of `ID_LENGTH` hex characters. */
export function randomId(): string {
  return randomUUID().replace(/-/g, '').slice(0, ID_LENGTH);
}
