// Not a client module: the layout (a server component) inlines this string into <head>.
export const THEME_STORAGE_KEY = 'wheelhouse-theme';

/*
 * Runs inline in <head> before first paint (see app/layout.tsx) so the page never flashes the wrong
 * theme: an explicit choice in localStorage wins, otherwise the system preference.
 */
export const themeInitScript = `(function(){try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');var d=t==='dark'||(t!=='light'&&window.matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);document.documentElement.style.colorScheme=d?'dark':'light';}catch(e){}})();`;
