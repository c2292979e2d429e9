/**
 * The HTTP server on Netty: routing, authentication, CORS, body limits and error rendering in each route's protocol.
 */
package io.clewdr.server;
