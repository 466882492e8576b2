#include "SmtpClient.h"

#include <QDeadlineTimer>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace foyer::server {

namespace {

constexpr qsizetype maxLineLength = 4096;
constexpr int maxReplyLines = 200;

bool isSafeAddress(const QString& address)
{
    if (address.isEmpty() || address.size() > 320)
        return false;
    for (const QChar c : address)
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == u'<' || c == u'>')
            return false;
    return true;
}

} // namespace

QString SmtpClient::Reply::text() const
{
    QStringList out;
    for (const QByteArray& line : lines)
        out.append(QString::fromUtf8(line).trimmed());
    return QStringLiteral("%1 %2").arg(code).arg(out.join(u' ')).trimmed();
}

SmtpClient::SmtpClient(const ServerConfig::Smtp& config)
    : m_config(config)
{
}

SmtpClient::~SmtpClient()
{
    quit();
}

QByteArray SmtpClient::dotStuffed(const QByteArray& message)
{
    QByteArray out;
    out.reserve(message.size() + message.size() / 50 + 8);
    const QList<QByteArray> lines = message.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        // The text after a final line break is no line of its own.
        if (i == lines.size() - 1 && line.isEmpty())
            break;
        if (line.startsWith('.'))
            out.append('.');
        out.append(line);
        out.append("\r\n");
    }
    out.append(".\r\n");
    return out;
}

void SmtpClient::fail(Result* result, const Reply& reply, const QString& what)
{
    result->code = reply.code;
    result->outcome = reply.code >= 500 && reply.code < 600 ? Result::Outcome::Permanent : Result::Outcome::Transient;
    result->error = QStringLiteral("The mail relay refused %1: %2").arg(what, reply.text());
}

bool SmtpClient::writeAll(const QByteArray& bytes, Result* result, const QString& what)
{
    const QDeadlineTimer deadline(static_cast<qint64>(m_config.timeoutSeconds) * 1000);
    if (m_socket->write(bytes) != bytes.size()) {
        result->outcome = Result::Outcome::Transient;
        result->error =
            QStringLiteral("Lost the connection to the mail relay at %1: %2").arg(what, m_socket->errorString());
        return false;
    }
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 1))) ||
            deadline.hasExpired()) {
            if (m_socket->bytesToWrite() == 0)
                break;
            result->outcome = Result::Outcome::Transient;
            result->error =
                QStringLiteral("The mail relay did not take %1 in time: %2").arg(what, m_socket->errorString());
            return false;
        }
    }
    return true;
}

bool SmtpClient::readReply(Reply* reply, Result* result, const QString& what)
{
    const QDeadlineTimer deadline(static_cast<qint64>(m_config.timeoutSeconds) * 1000);
    reply->code = 0;
    reply->lines.clear();
    for (;;) {
        const qsizetype end = m_buffer.indexOf('\n');
        if (end < 0) {
            if (m_buffer.size() > maxLineLength) {
                result->outcome = Result::Outcome::Transient;
                result->error = QStringLiteral("The mail relay's reply to %1 is too long.").arg(what);
                return false;
            }
            if (m_socket->bytesAvailable() == 0 &&
                !m_socket->waitForReadyRead(static_cast<int>(std::max<qint64>(deadline.remainingTime(), 1)))) {
                result->outcome = Result::Outcome::Transient;
                result->error = deadline.hasExpired()
                                    ? QStringLiteral("The mail relay did not answer %1 within %2 seconds.")
                                          .arg(what)
                                          .arg(m_config.timeoutSeconds)
                                    : QStringLiteral("Lost the connection to the mail relay at %1: %2")
                                          .arg(what, m_socket->errorString());
                return false;
            }
            m_buffer.append(m_socket->readAll());
            continue;
        }
        QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        bool ok = false;
        const int code = line.left(3).toInt(&ok);
        if (line.size() < 3 || !ok || code < 200 || code > 599 ||
            (line.size() > 3 && line[3] != ' ' && line[3] != '-') || (reply->code != 0 && code != reply->code) ||
            reply->lines.size() >= maxReplyLines) {
            result->outcome = Result::Outcome::Transient;
            result->error = QStringLiteral("The mail relay's reply to %1 is not SMTP.").arg(what);
            return false;
        }
        reply->code = code;
        reply->lines.append(line.mid(4));
        if (line.size() == 3 || line[3] == ' ')
            return true;
    }
}

bool SmtpClient::command(const QByteArray& line, int expectedFirstDigit, Reply* reply, Result* result,
                         const QString& what)
{
    if (!writeAll(line + "\r\n", result, what) || !readReply(reply, result, what))
        return false;
    if (reply->code / 100 != expectedFirstDigit) {
        fail(result, *reply, what);
        return false;
    }
    return true;
}

bool SmtpClient::waitEncrypted(Result* result)
{
    if (m_socket->waitForEncrypted(m_config.timeoutSeconds * 1000))
        return true;
    QStringList problems;
    for (const QSslError& e : m_socket->sslHandshakeErrors())
        problems.append(e.errorString());
    if (problems.isEmpty())
        problems.append(m_socket->errorString());
    result->outcome = Result::Outcome::Transient;
    result->error = QStringLiteral("TLS with the mail relay %1 failed: %2").arg(m_config.host, problems.join(u"; "));
    return false;
}

bool SmtpClient::connectToRelay(Result* result)
{
    m_socket = std::make_unique<QSslSocket>();
    m_buffer.clear();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_config.caFile.isEmpty()) {
        const QList<QSslCertificate> ca = QSslCertificate::fromPath(m_config.caFile, QSsl::Pem);
        if (ca.isEmpty()) {
            result->error = QStringLiteral("smtp/ca_file %1 holds no PEM certificate.").arg(m_config.caFile);
            return false;
        }
        tls.setCaCertificates(ca);
    }
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setSslConfiguration(tls);
    m_socket->setPeerVerifyName(m_config.host);
    if (m_config.security == ServerConfig::Smtp::Security::Tls) {
        m_socket->connectToHostEncrypted(m_config.host, m_config.port);
        if (!m_socket->waitForConnected(m_config.timeoutSeconds * 1000)) {
            result->error = QStringLiteral("Cannot connect to the mail relay %1:%2: %3")
                                .arg(m_config.host)
                                .arg(m_config.port)
                                .arg(m_socket->errorString());
            return false;
        }
        if (!waitEncrypted(result))
            return false;
    } else {
        m_socket->connectToHost(m_config.host, m_config.port);
        if (!m_socket->waitForConnected(m_config.timeoutSeconds * 1000)) {
            result->error = QStringLiteral("Cannot connect to the mail relay %1:%2: %3")
                                .arg(m_config.host)
                                .arg(m_config.port)
                                .arg(m_socket->errorString());
            return false;
        }
    }
    Reply greeting;
    if (!readReply(&greeting, result, QStringLiteral("the greeting")))
        return false;
    if (greeting.code != 220) {
        fail(result, greeting, QStringLiteral("the connection"));
        return false;
    }
    return true;
}

bool SmtpClient::hello(Result* result)
{
    const QByteArray name = m_config.heloName.isEmpty() ? QByteArrayLiteral("localhost") : m_config.heloName.toUtf8();
    Reply reply;
    if (!writeAll("EHLO " + name + "\r\n", result, QStringLiteral("EHLO")) ||
        !readReply(&reply, result, QStringLiteral("EHLO")))
        return false;
    m_extensions.clear();
    if (reply.code / 100 == 2) {
        for (qsizetype i = 1; i < reply.lines.size(); ++i)
            m_extensions.append(QString::fromUtf8(reply.lines.at(i)).trimmed().toUpper());
        return true;
    }
    // A relay that knows only RFC 821.
    return command("HELO " + name, 2, &reply, result, QStringLiteral("HELO"));
}

bool SmtpClient::startTls(Result* result)
{
    if (!m_extensions.contains(QStringLiteral("STARTTLS"))) {
        result->error = QStringLiteral("The mail relay %1 does not offer STARTTLS.").arg(m_config.host);
        return false;
    }
    Reply reply;
    if (!command(QByteArrayLiteral("STARTTLS"), 2, &reply, result, QStringLiteral("STARTTLS")))
        return false;
    if (!m_buffer.isEmpty()) { // nothing may come before the handshake (a man in the middle's injection)
        result->error = QStringLiteral("The mail relay sent data before the TLS handshake.");
        return false;
    }
    m_socket->startClientEncryption();
    return waitEncrypted(result) && hello(result);
}

bool SmtpClient::authenticate(Result* result)
{
    if (m_config.username.isEmpty())
        return true;
    if (!m_socket->isEncrypted()) {
        result->error = QStringLiteral("The mail relay's credentials are sent only over TLS: set smtp/security to "
                                       "starttls or tls.");
        return false;
    }
    QStringList mechanisms;
    for (const QString& e : std::as_const(m_extensions))
        if (e.startsWith(QLatin1String("AUTH ")) || e.startsWith(QLatin1String("AUTH=")))
            mechanisms += e.mid(5).split(u' ', Qt::SkipEmptyParts);
    const QByteArray user = m_config.username.toUtf8();
    QByteArray password = m_config.password.toUtf8();
    Reply reply;
    bool ok = false;
    if (mechanisms.contains(QStringLiteral("PLAIN"))) {
        QByteArray plain = '\0' + user + '\0' + password;
        ok = command("AUTH PLAIN " + plain.toBase64(), 2, &reply, result, QStringLiteral("the sign-in (AUTH PLAIN)"));
        plain.fill('\0');
    } else if (mechanisms.contains(QStringLiteral("LOGIN"))) {
        ok = command(QByteArrayLiteral("AUTH LOGIN"), 3, &reply, result, QStringLiteral("the sign-in (AUTH LOGIN)")) &&
             command(user.toBase64(), 3, &reply, result, QStringLiteral("the user name (AUTH LOGIN)")) &&
             command(password.toBase64(), 2, &reply, result, QStringLiteral("the password (AUTH LOGIN)"));
    } else {
        result->error =
            QStringLiteral("The mail relay %1 offers neither AUTH PLAIN nor AUTH LOGIN.").arg(m_config.host);
    }
    password.fill('\0');
    return ok;
}

SmtpClient::Result SmtpClient::send(const QString& envelopeFrom, const QString& recipient, const QByteArray& message)
{
    Result result;
    if (!isSafeAddress(envelopeFrom) || !isSafeAddress(recipient)) {
        result.outcome = Result::Outcome::Permanent;
        result.error = QStringLiteral("The sender or recipient is not a plain email address.");
        return result;
    }
    // Until the relay has taken MAIL FROM, a failure is the relay's or the configuration's, never the message's.
    const auto relayFailed = [&] {
        result.outcome = Result::Outcome::Transient;
        result.relayUnusable = true;
        quit();
        return result;
    };
    if (!connectToRelay(&result) || !hello(&result))
        return relayFailed();
    if (m_config.security == ServerConfig::Smtp::Security::StartTls && !startTls(&result))
        return relayFailed();
    if (!authenticate(&result))
        return relayFailed();
    Reply reply;
    if (!command("MAIL FROM:<" + envelopeFrom.toLatin1() + '>', 2, &reply, &result, QStringLiteral("the sender")))
        return relayFailed();
    if (!command("RCPT TO:<" + recipient.toLatin1() + '>', 2, &reply, &result, QStringLiteral("the recipient")) ||
        !command(QByteArrayLiteral("DATA"), 3, &reply, &result, QStringLiteral("DATA")) ||
        !writeAll(dotStuffed(message), &result, QStringLiteral("the message"))) {
        quit();
        return result;
    }
    // From here the relay has the whole message: without its reply nobody knows whether it took it.
    if (!readReply(&reply, &result, QStringLiteral("the message"))) {
        result.outcome = Result::Outcome::Unknown;
        quit();
        return result;
    }
    if (reply.code / 100 != 2) {
        fail(&result, reply, QStringLiteral("the message"));
        quit();
        return result;
    }
    result.outcome = Result::Outcome::Sent;
    result.code = reply.code;
    quit();
    return result;
}

void SmtpClient::quit()
{
    if (!m_socket)
        return;
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->write("QUIT\r\n");
        m_socket->waitForBytesWritten(2000);
        m_socket->waitForReadyRead(2000);
        m_socket->disconnectFromHost();
        if (m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->waitForDisconnected(2000);
    }
    m_socket->abort();
    m_socket.reset();
    m_buffer.clear();
}

} // namespace foyer::server
