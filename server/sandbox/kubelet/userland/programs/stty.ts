/**
 * stty: `stty size` prints "rows cols" of the terminal (what the client last sent on the resize channel); without a
 * terminal it fails like coreutils ("standard input: Inappropriate ioctl for device"). Other settings are accepted
 * and ignored (the simulated terminal has one mode).
 */
import { print, type Program } from '../process';
import { terminalOf } from './sh';

export const stty: Program = async (p) => {
  const t = terminalOf(p.stdin);
  if (!t) {
    await print(p.stderr, "stty: 'standard input': Inappropriate ioctl for device\n");
    return 1;
  }
  if (p.args[1] === 'size') await print(p.stdout, `${t.rows} ${t.cols}\n`);
  return 0;
};
