import { customAlphabet } from 'nanoid';

// URL-safe ids that cannot be guessed or enumerated (no sequential numbers in URLs).
const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
export const newId = customAlphabet(alphabet, 16);
