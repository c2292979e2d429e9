/**
 * The admin JSON API under {@code /api} and the dashboard.
 *
 * <p>Starting points: {@link io.clewdr.admin.AdminRoutes} (version, auth, config, health, the
 * dashboard's files). Admin errors answer {@code {"error":"<text>"}} like the original's handlers.
 */
package io.clewdr.admin;
