// What the server and the web agree on for the live-update socket
// (graphql-ws), beyond the protocol itself: one definition, so neither side
// keeps a copy of the other's numbers.

/**
 * The server refuses or ends the socket's session: a bad token in
 * connection_init, or, on an open socket, a token that expired or a user who
 * was disabled or whose role or crew changed. Retrying with the same
 * session cannot help; the client checks its session and signs in again.
 * (graphql-ws's own `CloseCode.Forbidden`, which it sends when `onConnect`
 * refuses.)
 */
export const SESSION_REFUSED_CLOSE_CODE = 4403;

/** The client fell too far behind; it reconnects and resumes from its last cursor. */
export const SLOW_CONSUMER_CLOSE_CODE = 4413;

/**
 * `extensions.reason` of a subscribe refused because its cursor is older than
 * the event log: the view reloads and subscribes again from its new cursor.
 */
export const RESYNC_REQUIRED = 'RESYNC_REQUIRED';
