import type { Metadata } from 'next';
import { PortForwardsList } from '@/components/terminal/port-forwards-list';

export const metadata: Metadata = { title: 'Port forwards' };

/** /port-forwards: your local port-forwards (offered when the console listens on loopback), with Stop. */
export default function PortForwardsPage() {
  return (
    <div className="mx-auto w-full max-w-[2400px] px-6 py-5">
      <h1 className="mb-4 text-xl font-semibold">Port forwards</h1>
      <PortForwardsList />
    </div>
  );
}
