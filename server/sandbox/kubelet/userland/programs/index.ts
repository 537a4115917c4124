/** Every program the userland knows, by name; an image decides which of them exist on its $PATH (rootfs.ts). */
import type { Program } from '../process';
import { BASIC } from './basic';
import { FILEUTILS } from './fileutils';
import { TEXT } from './text';
import { NET } from './net';
import { ps } from './ps';
import { tar } from './tar';
import { shellProgram } from './sh';
import { stty } from './stty';

export function allPrograms(): Map<string, Program> {
  const m = new Map<string, Program>(Object.entries({ ...BASIC, ...FILEUTILS, ...TEXT, ...NET, ps, tar, stty }) as [string, Program][]);
  const sh = shellProgram(m);
  for (const n of ['sh', 'ash', 'bash']) m.set(n, sh);
  return m;
}

/** Program names an image with a shell carries (busybox applets / coreutils). */
export const USERLAND_PROGRAMS = [...Object.keys({ ...BASIC, ...FILEUTILS, ...TEXT, ...NET }), 'ps', 'tar', 'stty', 'sh', 'ash', 'bash'];
