'use client';
/** Download and Copy of the editor's current text. */
import { useState } from 'react';
import { Copy, Download } from 'lucide-react';
import { Button } from '@/components/ui/button';

export function FileActions({ text, fileName }: { text: string; fileName: string }) {
  const [copied, setCopied] = useState<string>('');
  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied');
    } catch {
      setCopied('Copy failed: the browser denied clipboard access');
    }
    setTimeout(() => setCopied(''), 2500);
  }
  return (
    <>
      <Button size="sm" onClick={download}>
        <Download aria-hidden className="h-3.5 w-3.5" />
        Download
      </Button>
      <Button size="sm" onClick={copy}>
        <Copy aria-hidden className="h-3.5 w-3.5" />
        Copy
      </Button>
      <span role="status" className="text-xs text-fg-muted">
        {copied}
      </span>
    </>
  );
}
