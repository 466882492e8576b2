#include "MailLoop.h"

#include "DatabaseFailure.h"
#include "MailSender.h"
#include "ServerDatabase.h"

#include <QDeadlineTimer>
#include <QThread>

namespace foyer::server {

int MailLoop::run(bool once)
{
    ServerDatabase db(m_config);
    QString error;
    bool open = db.open(&error);
    if (!open && once) {
        qCritical("send-mail: %s", qPrintable(error));
        return 1;
    }
    MailSender sender(m_config.smtp, m_config.portal, db);
    while (!m_stop) {
        if (open || db.ensureOpen()) {
            open = true;
            try {
                const MailSender::Tally t = sender.runOnce();
                if (t.sent + t.failed + t.retrying > 0 || once)
                    qInfo("send-mail: %d sent, %d failed, %d to try again, %d waiting", t.sent, t.failed, t.retrying,
                          t.waiting);
            } catch (const DatabaseFailure& failure) {
                qWarning("send-mail: PostgreSQL failed: %s", failure.what());
                open = false;
                if (once)
                    return 1;
            }
        } else {
            qWarning("send-mail: PostgreSQL cannot be reached");
        }
        if (once)
            return 0;
        const QDeadlineTimer wake(static_cast<qint64>(std::max(m_config.smtp.intervalSeconds, 1)) * 1000);
        while (!m_stop && !wake.hasExpired())
            QThread::msleep(100);
    }
    return 0;
}

} // namespace foyer::server
