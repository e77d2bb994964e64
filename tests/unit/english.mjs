// Unit tests that read the page's words load the English catalogue first (the page's scripts
// load theirs with useLang(); node has no page to fetch from).
import { readFileSync } from 'node:fs';
import '../../www/core/config.js'; // (the schema's and the settings table's English join the catalogue)
import { setMessages } from '../../www/core/i18n.js';

setMessages('en', JSON.parse(readFileSync(new URL('../../www/lang/en.json', import.meta.url), 'utf8')));
