import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTable, getCoreRowModel, type RowSelectionState } from '@tanstack/table-core';
import { selectAllState, toggleAll } from './select-all';

/** react-table's own answers, for the same rows and selection (what VirtualTable used before). */
function reactTable(rows: { id: string }[], selection: RowSelectionState) {
  let state = { rowSelection: selection };
  const table = createTable<{ id: string }>({
    data: rows,
    columns: [{ id: 'id', accessorFn: (r) => r.id }],
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    enableRowSelection: true,
    state,
    onStateChange: () => undefined,
    onRowSelectionChange: (u) => {
      state = { rowSelection: typeof u === 'function' ? u(state.rowSelection) : u };
    },
    renderFallbackValue: null,
  });
  table.setOptions((o) => ({ ...o, state: { ...table.initialState, ...state } }));
  const all = table.getIsAllRowsSelected();
  const some = table.getIsSomeRowsSelected();
  const toggled = (checked: boolean) => {
    table.toggleAllRowsSelected(checked);
    const out = state.rowSelection;
    state = { rowSelection: selection };
    return out;
  };
  return { all, some, on: toggled(true), off: toggled(false) };
}

const ids = fc.uniqueArray(fc.constantFrom('a/1', 'a/2', 'b/1', 'b/2', 'c/3', 'd/4'), { maxLength: 6 });

describe('select all', () => {
  it('matches react-table for any shown rows and selection (including ids that are not shown)', () => {
    fc.assert(
      fc.property(ids, ids, (shown, picked) => {
        const rows = shown.map((id) => ({ id }));
        const selection: RowSelectionState = Object.fromEntries(picked.map((id) => [id, true]));
        const want = reactTable(rows, selection);
        expect(selectAllState(rows, selection)).toEqual({ all: want.all, some: want.some });
        expect(toggleAll(rows, selection, true)).toEqual(want.on);
        expect(toggleAll(rows, selection, false)).toEqual(want.off);
      }),
    );
  });

  it('never mutates the selection it is given', () => {
    const selection = { 'a/1': true };
    toggleAll([{ id: 'a/1' }, { id: 'a/2' }], selection, true);
    toggleAll([{ id: 'a/1' }], selection, false);
    expect(selection).toEqual({ 'a/1': true });
  });
});
