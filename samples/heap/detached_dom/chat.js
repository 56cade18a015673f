// The leak the heap capability must find. Constants read by the tests: keep them as plain literals.
const LEAKED_MESSAGES = 120; // messages archived (detached from the document, still referenced)
const VISIBLE_MESSAGES = 15; // messages still shown (attached: must not be reported)

// Bug 1: the cache keeps every message element, archived or not.
const messageCache = new Map();
// Bug 2: the "last archived" listener closes over the archived element and is never removed.
const archivedListeners = [];
const list = document.getElementById('messages');
let nextId = 0;
let archivedClicks = 0;

function addMessage(text) {
  const li = document.createElement('li');
  li.className = 'message';
  const author = document.createElement('span');
  author.textContent = 'user' + (nextId % 7) + ': ';
  li.appendChild(author);
  li.appendChild(document.createTextNode(text));
  list.appendChild(li);
  messageCache.set(nextId++, li);
  return li;
}

function archiveOldest() {
  const li = list.firstElementChild;
  li.remove(); // gone from the document, but messageCache still holds it
  // No console.log here: a DevTools-attached page keeps logged arguments alive, which would hide the bug.
  const onArchivedClick = () => { archivedClicks += li.textContent.length; };
  document.getElementById('send').addEventListener('click', onArchivedClick);
  archivedListeners.push(onArchivedClick);
}

function sendAndArchive() {
  addMessage('message ' + nextId + ' ' + 'x'.repeat(200));
  if (list.children.length > VISIBLE_MESSAGES) archiveOldest();
}

document.getElementById('send').addEventListener('click', sendAndArchive);
window.chatStats = () => ({ attached: list.children.length, cached: messageCache.size, leaked: LEAKED_MESSAGES, visible: VISIBLE_MESSAGES });
window.fixture = { LEAKED_MESSAGES, VISIBLE_MESSAGES };
