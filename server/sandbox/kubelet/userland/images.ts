/**
 * What an image looks like inside: its OS family (os-release), whether it has a shell, which shell, and where
 * its programs live. Decided from the image name like everything else the simulated runtime knows about images.
 */
import { parseImage } from '../images';

export type OsFamily = 'busybox' | 'alpine' | 'debian' | 'ubuntu' | 'distroless';

export interface ImageFlavour {
  os: OsFamily;
  shell: 'ash' | 'bash' | undefined;
  osRelease: string;
}

const OS_RELEASE: Record<OsFamily, string> = {
  busybox: '',
  alpine: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  ubuntu: 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\n',
  distroless: 'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\n',
};

export function imageFlavour(image: string): ImageFlavour {
  const { name, tag } = parseImage(image);
  const base = name.split('/').pop() ?? name;
  let os: OsFamily;
  if (/distroless|scratch|^pause$|-static$/.test(name) || base === 'pause') os = 'distroless';
  else if (base === 'busybox') os = 'busybox';
  else if (base === 'alpine' || tag.includes('alpine') || base.includes('alpine')) os = 'alpine';
  else if (base === 'ubuntu') os = 'ubuntu';
  else os = 'debian';
  return { os, shell: os === 'distroless' ? undefined : os === 'busybox' || os === 'alpine' ? 'ash' : 'bash', osRelease: OS_RELEASE[os] };
}
