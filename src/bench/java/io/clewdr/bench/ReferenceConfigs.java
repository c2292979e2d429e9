package io.clewdr.bench;

import java.nio.file.Path;

/** The config file of the nginx reference: a plain streaming reverse proxy to the mock. */
final class ReferenceConfigs {
    private ReferenceConfigs() {}

    /**
     * One single-process nginx (no master, one worker's work in the pinned process, so its CPU and
     * RSS are one pid's), a keep-alive upstream pool, HTTP/1.1 upstream, no buffering either way.
     */
    static String nginx(Path home, int port, int mockPort) {
        String tmp = home.resolve("tmp").toString();
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                worker_rlimit_nofile 40000;
                pid %1$s/nginx.pid;
                events {
                    worker_connections 20000;
                    multi_accept on;
                    use epoll;
                }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    keepalive_requests 1000000;
                    keepalive_timeout 120s;
                    upstream mock {
                        server 127.0.0.1:%3$d;
                        keepalive 1024;
                        keepalive_requests 1000000;
                        keepalive_timeout 120s;
                    }
                    server {
                        listen 127.0.0.1:%2$d backlog=8192;
                        location / {
                            proxy_pass http://mock;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_buffering off;
                            proxy_request_buffering off;
                            proxy_read_timeout 120s;
                        }
                    }
                }
                """.formatted(tmp, port, mockPort);
    }
}
