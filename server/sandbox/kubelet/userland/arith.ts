/** $(( )) arithmetic: integers, + - * / % with precedence, unary minus, parentheses, variables. */
export function arithmetic(expr: string, variable: (name: string) => string): string {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_?#][A-Za-z0-9_]*|[-+*/%()]/g) ?? [];
  let i = 0;
  const value = (t: string): number => {
    if (/^\d+$/.test(t)) return Number(t);
    return Math.trunc(Number(variable(t.replace(/^\$/, ''))) || 0);
  };
  const primary = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    return t === undefined ? 0 : value(t);
  };
  const product = (): number => {
    let v = primary();
    while (toks[i] === '*' || toks[i] === '/' || toks[i] === '%') {
      const op = toks[i++];
      const r = primary();
      v = op === '*' ? v * r : r === 0 ? NaN : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + product() : v - product();
    return v;
  };
  const r = sum();
  return Number.isNaN(r) ? '0' : String(r);
}
