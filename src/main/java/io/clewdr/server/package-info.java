/**
 * The HTTP server on Netty: routing, authentication, CORS, body limits and error rendering in each route's protocol;
 * the virtual threads that run request handlers, carried by the connection's own event loop where that is safe; and
 * the two heap checks that give memory back, after a burst and under heavy load.
 */
package io.clewdr.server;
