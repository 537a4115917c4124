// @vitest-environment jsdom
/**
 * The tooltip pattern: the trigger is described by the tooltip; focus, a mouse hover and a touch press show it;
 * blur, leaving and Escape hide it. A Button disabled with a hint stays focusable and says why.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Tooltip } from './tooltip';
import { Button } from './button';

afterEach(cleanup);

// jsdom has no PointerEvent: without one, pointer events carry no pointerType
if (typeof window.PointerEvent === 'undefined') {
  class PointerEventShim extends MouseEvent {
    readonly pointerType: string;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerType = init.pointerType ?? '';
    }
  }
  window.PointerEvent = PointerEventShim as unknown as typeof PointerEvent;
}

function tooltipOf(el: HTMLElement): HTMLElement {
  const id = el.getAttribute('aria-describedby')?.split(' ').at(-1);
  const tip = id ? document.getElementById(id) : null;
  if (!tip) throw new Error('the trigger is not described by a tooltip');
  return tip;
}

describe('Tooltip', () => {
  it('describes its trigger and shows on focus, hides on blur and on Escape', () => {
    render(
      <Tooltip content="Ends the process">
        <button type="button" aria-describedby="other">
          Close
        </button>
      </Tooltip>,
    );
    const button = screen.getByRole('button', { name: 'Close' });
    expect(button.getAttribute('aria-describedby')?.split(' ')[0]).toBe('other');
    const tip = tooltipOf(button);
    expect(tip.getAttribute('role')).toBe('tooltip');
    expect(tip.textContent).toBe('Ends the process');
    expect(tip.hidden).toBe(true);

    fireEvent.focus(button);
    expect(tip.hidden).toBe(false);
    fireEvent.blur(button);
    expect(tip.hidden).toBe(true);

    fireEvent.focus(button);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(tip.hidden).toBe(true);
  });

  it('shows on a mouse hover and on a touch press; a press elsewhere hides it', () => {
    render(
      <div>
        <Tooltip content="The full name">
          <span>short</span>
        </Tooltip>
        <p>elsewhere</p>
      </div>,
    );
    const text = screen.getByText('short');
    const tip = tooltipOf(text);
    fireEvent.pointerEnter(text, { pointerType: 'mouse' });
    expect(tip.hidden).toBe(false);
    fireEvent.pointerLeave(text, { pointerType: 'mouse' });
    expect(tip.hidden).toBe(true);

    fireEvent.pointerDown(text, { pointerType: 'touch' });
    expect(tip.hidden).toBe(false);
    fireEvent.pointerDown(screen.getByText('elsewhere'), { pointerType: 'touch' });
    expect(tip.hidden).toBe(true);
  });

  it('makes a non-control trigger reachable by Tab when asked', () => {
    render(
      <Tooltip content="2026-12-07 21:00" focusable>
        <time>3m</time>
      </Tooltip>,
    );
    expect(screen.getByText('3m').tabIndex).toBe(0);
  });

  it('adds nothing without content', () => {
    render(
      <Tooltip content={undefined}>
        <button type="button">Plain</button>
      </Tooltip>,
    );
    expect(screen.getByRole('button', { name: 'Plain' }).hasAttribute('aria-describedby')).toBe(false);
    expect(screen.queryByRole('tooltip', { hidden: true })).toBeNull();
  });
});

describe('Button with a hint', () => {
  it('disabled with a reason: focusable, aria-disabled, described by the reason, clicks ignored', () => {
    const onClick = vi.fn();
    render(
      <Button disabled hint="There is no other revision to roll back to" onClick={onClick}>
        Roll back
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Roll back' });
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(tooltipOf(button).textContent).toBe('There is no other revision to roll back to');
    button.focus();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('enabled: clicks go through and the hint still describes it', () => {
    const onClick = vi.fn();
    render(
      <Button hint="Switch to dark theme" onClick={onClick}>
        Theme
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Theme' });
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledOnce();
    expect(tooltipOf(button).textContent).toBe('Switch to dark theme');
  });

  it('disabled without a reason stays natively disabled', () => {
    render(<Button disabled>Busy</Button>);
    expect(screen.getByRole('button', { name: 'Busy' }).hasAttribute('disabled')).toBe(true);
  });
});
