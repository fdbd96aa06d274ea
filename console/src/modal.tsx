import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * A native modal dialog: focus moves into it, the page behind is inert, Escape closes it. A
 * `locked` dialog ignores Escape (its key press and the cancel it would cause; it reopens should a
 * browser close it anyway): it closes only through its own buttons.
 */
export function Modal(props: { title: string; onClose: () => void; locked?: boolean; wide?: boolean; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const onClose = () => {
    if (props.locked && ref.current?.isConnected) ref.current.showModal();
    else props.onClose();
  };
  return (
    <dialog
      ref={ref}
      aria-label={props.title}
      class={props.wide ? 'wide' : undefined}
      onKeyDown={(event) => props.locked && event.key === 'Escape' && event.preventDefault()}
      onCancel={(event) => props.locked && event.preventDefault()}
      onClose={onClose}
    >
      <h3>{props.title}</h3>
      {props.children}
    </dialog>
  );
}
