import type { Metadata } from 'next';
import { AuditLog } from '@/components/auth/audit-log';

export const metadata: Metadata = { title: 'Audit log' };

/** /audit: linked from the user menu for console admins; the server answers 403 to everyone else. */
export default function AuditPage() {
  return (
    <div className="mx-auto w-full max-w-[2400px] px-4 py-5 sm:px-6">
      <h1 className="mb-4 text-xl font-semibold">Audit log</h1>
      <AuditLog />
    </div>
  );
}
