// WebKit: WebKitGTK's MiniBrowser (Debian `webkit2gtk-driver` brings WebKitWebDriver, which pulls
// in libwebkit2gtk and its MiniBrowser) driven by WebKitWebDriver over W3C WebDriver (HTTP, spoken
// with fetch: no extra dependency). MiniBrowser has no headless mode, so it runs on an Xvfb display
// started here (and stopped by its own process, never by name). Input is real: mouse and touch go
// through WebDriver's Perform Actions, which WebKit turns into native events.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const XVFB = '/usr/bin/Xvfb';

/** MiniBrowser of the newest installed WebKitGTK API version (4.1 on Debian 12, 6.0 later). */
export function miniBrowser() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  for (const lib of ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']) {
    let dirs = [];
    try {
      dirs = readdirSync(lib).filter((d) => /^webkit(2)?gtk-\d/.test(d)).sort().reverse();
    } catch {
      continue;
    }
    for (const d of dirs) if (existsSync(`${lib}/${d}/MiniBrowser`)) return `${lib}/${d}/MiniBrowser`;
  }
  return null;
}

export function webkitMissing() {
  const missing = [];
  if (!existsSync(WEBKIT_DRIVER)) missing.push(`${WEBKIT_DRIVER} (apt-get install webkit2gtk-driver)`);
  if (!miniBrowser()) missing.push('MiniBrowser (apt-get install webkit2gtk-driver)');
  if (!process.env.DISPLAY && !existsSync(XVFB)) missing.push(`${XVFB} (apt-get install xvfb)`);
  return missing.length ? `missing ${missing.join(', ')}` : null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts Xvfb on a free display (it writes the number it picked to fd 3); resolves { display, proc }. */
async function startXvfb() {
  const proc = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const display = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`Xvfb did not start in 10 s: ${stderr}`)), 10_000);
    proc.stdio[3].once('data', (d) => {
      clearTimeout(t);
      resolve(`:${String(d).trim()}`);
    });
    proc.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
  });
  return { display, proc };
}

/** A port the OS says is free right now. */
async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A fresh MiniBrowser with a 1280×800 viewport, as an Engine (see engines.mjs). */
export async function launchWebkit() {
  const procs = [];
  const stopAll = () => {
    for (const p of procs.reverse()) if (p.exitCode === null) p.kill();
  };
  try {
    let display = process.env.DISPLAY;
    if (!display) {
      const x = await startXvfb();
      procs.push(x.proc);
      display = x.display;
    }
    const port = await freePort();
    const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
      env: { ...process.env, DISPLAY: display, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' }, // (the tests read English words)
      // WEBKIT_DRIVER_LOG=1: the driver's and the browser's messages (e.g. with GST_DEBUG=3) on stderr.
      stdio: ['ignore', 'ignore', process.env.WEBKIT_DRIVER_LOG ? 'inherit' : 'pipe'],
    });
    procs.push(driver);
    let driverLog = '';
    driver.stderr?.on('data', (d) => (driverLog = (driverLog + d).slice(-4000)));
    const base = `http://127.0.0.1:${port}`;
    const call = async (method, path, body) => {
      const res = await fetch(base + path, {
        method,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await res.json().catch(() => ({}));
      if (!res.ok) {
        const v = json.value ?? {};
        throw new Error(`WebDriver ${method} ${path}: ${v.error ?? res.status}: ${v.message ?? ''}`);
      }
      return json.value;
    };
    for (let i = 0; ; i++) {
      try {
        if ((await call('GET', '/status')).ready !== undefined) break;
      } catch (e) {
        if (i > 100) throw new Error(`WebKitWebDriver did not answer: ${e.message} ${driverLog}`);
        await sleep(100);
      }
    }
    const session = await call('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] },
        },
      },
    });
    const sid = `/session/${session.sessionId}`;
    await call('POST', `${sid}/timeouts`, { script: 300_000, pageLoad: 60_000 });
    // The window so that the viewport is 1280×800 (the window's decorations are what is left).
    await call('POST', `${sid}/window/rect`, { x: 0, y: 0, width: 1280, height: 800 });
    const inner = await runScript(call, sid, () => [innerWidth, innerHeight]);
    await call('POST', `${sid}/window/rect`, { width: 1280 + (1280 - inner[0]), height: 800 + (800 - inner[1]) });

    const consoleErrors = [];
    const pointer = async (kind, strokes) => {
      // WebKitGTK turns WebDriver touch actions into mouse events (a desktop port: no touch
      // input), so a finger is played from page JS: PointerEvents with pointerType 'touch' (what
      // Safari on iPad gives the pad) and, where the engine can make them, TouchEvents in between.
      if (kind === 'touch') return runScript(call, sid, dispatchTouch, strokes);
      const actions = [];
      for (const stroke of strokes) {
        const move = ([x, y]) => ({ type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport', duration: 0 });
        actions.push(move(stroke[0]), { type: 'pointerDown', button: 0 });
        for (const p of stroke.slice(1)) actions.push(move(p));
        actions.push({ type: 'pointerUp', button: 0 });
      }
      await call('POST', `${sid}/actions`, {
        actions: [{ type: 'pointer', id: kind === 'touch' ? 'finger' : 'mouse', parameters: { pointerType: kind }, actions }],
      });
      await call('DELETE', `${sid}/actions`);
    };
    return {
      name: 'webkit',
      version: `WebKitGTK ${session.capabilities.browserVersion} (MiniBrowser)`,
      consoleErrors,
      input: 'mouse real (WebDriver Perform Actions); touch dispatched from page JS (PointerEvent pointerType "touch", plus TouchEvent where constructible)',
      async goto(url) {
        // The errors the page being left collected.
        consoleErrors.push(...(await runScript(call, sid, () => window.__engineErrors ?? []).catch(() => [])));
        await call('POST', `${sid}/url`, { url });
        // No console access over classic WebDriver: uncaught errors from here on are collected in the page.
        await runScript(call, sid, () => {
          if (window.__engineErrors) return;
          window.__engineErrors = [];
          addEventListener('error', (e) => window.__engineErrors.push(`pageerror: ${e.message}`));
          addEventListener('unhandledrejection', (e) => window.__engineErrors.push(`unhandledrejection: ${e.reason?.message ?? e.reason}`));
        });
      },
      evaluate: (fn, arg) => runScript(call, sid, fn, arg),
      pointer,
      click: (x, y) => pointer('mouse', [[[x, y]]]),
      async screenshot() {
        return Buffer.from(await call('GET', `${sid}/screenshot`), 'base64');
      },
      async pageErrors() {
        return runScript(call, sid, () => window.__engineErrors ?? []);
      },
      async close() {
        await call('DELETE', sid).catch(() => {});
        stopAll();
      },
    };
  } catch (e) {
    stopAll();
    throw e;
  }
}

/** In the page: each stroke as one finger's pointerdown, pointermoves, pointerup (and touch events). */
function dispatchTouch(strokes) {
  // WebKitGTK has the interfaces but refuses to construct them ("Illegal constructor").
  let canTouch = false;
  try {
    canTouch = !!new TouchEvent('touchcancel', { touches: [new Touch({ identifier: 0, target: document.body })] });
  } catch {
    canTouch = false;
  }
  let id = 100;
  for (const stroke of strokes) {
    const pointerId = id++;
    const target = document.elementFromPoint(stroke[0][0], stroke[0][1]);
    if (!target) throw new Error(`nothing at ${stroke[0]}`);
    const fire = (type, [x, y], last) => {
      const down = type !== 'pointerup';
      target.dispatchEvent(new PointerEvent(type, {
        pointerId, pointerType: 'touch', isPrimary: true, button: type === 'pointermove' ? -1 : 0, buttons: down ? 1 : 0,
        clientX: x, clientY: y, width: 20, height: 20, pressure: down ? 0.5 : 0, bubbles: true, cancelable: true, composed: true,
      }));
      if (!canTouch) return;
      const touch = new Touch({ identifier: pointerId, target, clientX: x, clientY: y });
      const t = { pointerdown: 'touchstart', pointermove: 'touchmove', pointerup: 'touchend' }[type];
      target.dispatchEvent(new TouchEvent(t, { touches: last ? [] : [touch], targetTouches: last ? [] : [touch], changedTouches: [touch], bubbles: true, cancelable: true, composed: true }));
    };
    fire('pointerdown', stroke[0]);
    for (const p of stroke.slice(1)) fire('pointermove', p);
    fire('pointerup', stroke[stroke.length - 1], true);
  }
  return null;
}

/**
 * Runs `fn(arg)` in the page (it may return a Promise) and resolves with its JSON-able result;
 * an exception in the page rejects with its message. The function goes over as source text,
 * as Playwright's and puppeteer's evaluate() send theirs.
 */
async function runScript(call, sid, fn, arg = null) {
  const script = `const [arg, done] = arguments;
Promise.resolve().then(() => (${fn.toString()})(arg)).then(
  (value) => done({ ok: true, value: value === undefined ? null : value }),
  (e) => done({ ok: false, error: String(e && e.stack ? e.message + '\\n' + e.stack : e) }));`;
  const r = await call('POST', `${sid}/execute/async`, { script, args: [arg] });
  if (!r?.ok) throw new Error(`in the page: ${r?.error}`);
  return r.value;
}
