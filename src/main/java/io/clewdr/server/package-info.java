/**
 * The HTTP server on Netty: routing, authentication, CORS, body limits and error rendering in each route's protocol;
 * and the two heap checks that give memory back, after a burst and under heavy load.
 */
package io.clewdr.server;
