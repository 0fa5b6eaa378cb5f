// A support conversation: messages in order, each marked by who wrote it, and a box to
// write the next one. Used by the user's ticket page and the operator's.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { formatDate } from "../lib/format.ts";
import { FieldMessage } from "./states.tsx";

export interface ChatMessage {
  id: string;
  body: string;
  createdAt: string;
  senderType: "USER" | "OPERATOR" | "SYSTEM";
  senderName?: string | null;
  isInternal?: boolean;
}

/** Messages from a query and those that arrived live since, once each, oldest first. */
export function mergeMessages(...lists: ReadonlyArray<ReadonlyArray<ChatMessage>>): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const list of lists) for (const m of list) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function ChatLog({ messages, mine }: { messages: ChatMessage[]; mine: ChatMessage["senderType"] }) {
  const end = useRef<HTMLLIElement>(null);
  // Braces: newer Chromium returns a promise from scrollIntoView, and React would take it for a cleanup.
  useEffect(() => {
    end.current?.scrollIntoView({ block: "nearest" });
  }, [messages.length]);
  if (messages.length === 0) return <p className="state state-empty">No messages yet.</p>;
  return (
    <ol className="chat" aria-label="Conversation" aria-live="polite">
      {messages.map((m) => (
        <li
          key={m.id}
          className={`bubble ${m.senderType === mine ? "bubble-mine" : "bubble-theirs"}${m.isInternal ? " bubble-internal" : ""}${m.senderType === "SYSTEM" ? " bubble-system" : ""}`}
          data-sender={m.senderType}
        >
          <div className="bubble-meta">
            {m.senderName ?? (m.senderType === "OPERATOR" ? "Support" : m.senderType === "SYSTEM" ? "PinGlass" : "User")}
            {m.isInternal && " · internal note"} · {formatDate(m.createdAt)}
          </div>
          <div className="bubble-body">{m.body}</div>
        </li>
      ))}
      <li ref={end} aria-hidden className="chat-end" />
    </ol>
  );
}

export function ChatComposer({
  label,
  disabled,
  onSend,
}: {
  label: string;
  disabled?: boolean;
  /** Sends; answers an error message to show next to the box, or null when sent. */
  onSend: (body: string) => Promise<string | null>;
}) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return setError("Write a message first");
    setSending(true);
    const failure = await onSend(body.trim());
    setSending(false);
    setError(failure);
    if (!failure) setBody("");
  };
  return (
    <form className="composer" onSubmit={submit} aria-label={label}>
      <textarea
        aria-label={label}
        value={body}
        rows={2}
        disabled={disabled}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit(e);
        }}
      />
      <button type="submit" className="button" disabled={disabled || sending}>
        {sending ? "Sending…" : "Send"}
      </button>
      <FieldMessage message={error} />
    </form>
  );
}
