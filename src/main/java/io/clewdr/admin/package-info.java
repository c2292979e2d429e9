/**
 * The admin JSON API under /api and the dashboard.
 */
package io.clewdr.admin;
