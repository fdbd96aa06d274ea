import type { CreatedApiKey } from '@agent-memory/sdk';
import { useState } from 'preact/hooks';
import { Modal } from '../../modal';
import { apiBaseUrl } from '../../session';

/** The first request a new key makes, in curl and with the SDK, ready to paste. */
export function snippets(key: string, baseUrl: string): { curl: string; sdk: string } {
  return {
    curl: [
      `curl -X POST ${baseUrl}/v1/memories \\`,
      `  -H "Authorization: Bearer ${key}" \\`,
      `  -H "Content-Type: application/json" \\`,
      `  -d '{"content": "The user prefers green tea"}'`,
    ].join('\n'),
    sdk: [
      `import { MemoryClient } from '@agent-memory/sdk';`,
      ``,
      `const memory = new MemoryClient({ apiKey: '${key}', baseUrl: '${baseUrl}' });`,
      `await memory.memories.create({ content: 'The user prefers green tea' });`,
      `const found = await memory.memories.search({ query: 'tea' });`,
    ].join('\n'),
  };
}

/**
 * The plaintext is held only by this dialog: closing it drops the last copy the console has, so it
 * closes only through "I have copied it" (never Escape or a click beside it).
 */
export function SecretDialog({ created, verb, onClose }: { created: CreatedApiKey; verb: string; onClose: () => void }) {
  const [copied, setCopied] = useState('');
  const copy = (what: string, text: string) =>
    navigator.clipboard.writeText(text).then(
      () => setCopied(what),
      () => setCopied(''),
    );
  const { curl, sdk } = snippets(created.key, apiBaseUrl());
  return (
    <Modal title={`Key ${verb}: copy it now`} onClose={onClose} locked wide>
      <p class="notice" role="alert">
        This is the only time the key <strong>{created.name}</strong> ({created.environment}) is shown. Store it in your secret manager; we
        keep only a hash and cannot show it again.
      </p>
      <p class="secret" data-testid="plaintext-key">
        {created.key}
      </p>
      <p class="row">
        <button type="button" class="secondary" onClick={() => copy('key', created.key)}>
          {copied === 'key' ? 'Copied' : 'Copy key'}
        </button>
      </p>
      <h4>Try it with curl</h4>
      <pre class="snippet" data-testid="curl-snippet">
        <code>{curl}</code>
      </pre>
      <h4>Or with the SDK</h4>
      <pre class="snippet" data-testid="sdk-snippet">
        <code>{sdk}</code>
      </pre>
      <p class="row">
        <button type="button" onClick={onClose}>
          I have copied it
        </button>
      </p>
    </Modal>
  );
}
