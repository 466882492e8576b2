#pragma once

#include "ServerConfig.h"

#include <atomic>

namespace foyer::server {

// Runs MailSender rounds on its own PostgreSQL connection, every smtp/interval_seconds until stop(), or once:
// `foyer-server send-mail` in the main thread, and serve's sender thread when [smtp] enabled=true.
class MailLoop
{
public:
    explicit MailLoop(const ServerConfig& config)
        : m_config(config)
    {
    }

    // 0 when every round reached the database; 1 when a --once round could not.
    int run(bool once);
    // From any thread: the loop ends after the message it is sending.
    void stop() { m_stop = true; }

private:
    ServerConfig m_config;
    std::atomic_bool m_stop{false};
};

} // namespace foyer::server
