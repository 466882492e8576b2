#include "SmtpSink.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTcpServer>

namespace {

const char script[] = R"PY(
import argparse, asyncio, email, json, os, ssl, sys
from email import policy
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

ap = argparse.ArgumentParser()
ap.add_argument('--port', type=int, required=True)
ap.add_argument('--dir', required=True)
ap.add_argument('--refuse', action='append', default=[])
ap.add_argument('--cert')
ap.add_argument('--key')
ap.add_argument('--user')
ap.add_argument('--password')
ap.add_argument('--stall', type=float, default=0)
a = ap.parse_args()
refused = [r.lower() for r in a.refuse]
count = [len([n for n in os.listdir(a.dir) if n.endswith('.json')])]

def address(header, part):
    if header is None or not header.addresses:
        return ''
    one = header.addresses[0]
    return one.display_name if part == 'name' else one.addr_spec

class Handler:
    async def handle_RCPT(self, server, session, envelope, addr, rcpt_options):
        if addr.lower() in refused:
            return '550 5.1.1 <%s>: Recipient address rejected: no such mailbox here' % addr
        envelope.rcpt_tos.append(addr)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content
        msg = email.message_from_bytes(raw, policy=policy.default)
        count[0] += 1
        base = os.path.join(a.dir, '%04d' % count[0])
        with open(base + '.eml', 'wb') as f:
            f.write(raw)
        info = {
            'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos,
            'from': str(msg['From'] or ''), 'from_name': address(msg['From'], 'name'),
            'from_addr': address(msg['From'], 'addr'),
            'reply_to': str(msg['Reply-To'] or ''), 'reply_to_name': address(msg['Reply-To'], 'name'),
            'reply_to_addr': address(msg['Reply-To'], 'addr'),
            'to': str(msg['To'] or ''), 'to_addr': address(msg['To'], 'addr'),
            'subject': str(msg['Subject'] or ''), 'date': str(msg['Date'] or ''),
            'message_id': str(msg['Message-ID'] or ''), 'content_type': msg.get_content_type(),
            'charset': msg.get_content_charset() or '', 'headers': list(msg.keys()),
            'body': msg.get_content().replace('\r\n', '\n'),
            'tls': session.ssl is not None,
            'auth': session.auth_data if isinstance(session.auth_data, str) else '',
        }
        with open(base + '.tmp', 'w', encoding='utf-8') as f:
            json.dump(info, f)
        os.rename(base + '.tmp', base + '.json')
        if a.stall:
            await asyncio.sleep(a.stall)
        return '250 2.0.0 Message accepted for delivery'

def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (auth_data.login.decode() == a.user and auth_data.password.decode() == a.password)
    return AuthResult(success=ok, auth_data=a.user if ok else None, handled=False)

kwargs = {}
if a.cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    kwargs.update(tls_context=context, require_starttls=True)
if a.user:
    kwargs.update(authenticator=authenticate, auth_required=True, auth_require_tls=True)
controller = Controller(Handler(), hostname='127.0.0.1', port=a.port, **kwargs)
controller.start()
print('ready', flush=True)
sys.stdin.read()
controller.stop()
)PY";

} // namespace

SmtpSink::SmtpSink()
{
    QObject::connect(&m_process, &QProcess::readyReadStandardError,
                     [this] { m_log += m_process.readAllStandardError(); });
}

SmtpSink::~SmtpSink()
{
    stop();
}

QString SmtpSink::start(const Options& options)
{
    stop();
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    QFile file(m_dir.filePath(QStringLiteral("sink.py")));
    if (!file.open(QIODevice::WriteOnly) || file.write(script) < 0)
        return QStringLiteral("cannot write the sink script");
    file.close();
    QDir().mkpath(m_dir.filePath(QStringLiteral("messages")));
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return QStringLiteral("no free port");
        m_port = probe.serverPort();
    }
    QStringList args{file.fileName(), QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--dir"),
                     m_dir.filePath(QStringLiteral("messages"))};
    for (const QString& r : options.refuse)
        args += {QStringLiteral("--refuse"), r};
    if (!options.certificate.isEmpty())
        args += {QStringLiteral("--cert"), options.certificate, QStringLiteral("--key"), options.key};
    if (!options.username.isEmpty())
        args += {QStringLiteral("--user"), options.username, QStringLiteral("--password"), options.password};
    if (options.stallSeconds > 0)
        args += {QStringLiteral("--stall"), QString::number(options.stallSeconds)};
    // Debian's interpreter, where python3-aiosmtpd is installed, whatever python3 is first on PATH.
    const QString python = QFile::exists(QStringLiteral("/usr/bin/python3")) ? QStringLiteral("/usr/bin/python3")
                                                                             : QStringLiteral("python3");
    m_process.start(python, args);
    if (!m_process.waitForStarted(10000))
        return QStringLiteral("python3 did not start");
    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    while (!out.contains("ready")) {
        if (m_process.state() == QProcess::NotRunning || timer.elapsed() > 30000)
            return QStringLiteral("the SMTP sink did not start: ") + QString::fromLocal8Bit(m_log);
        m_process.waitForReadyRead(200);
        out += m_process.readAllStandardOutput();
    }
    return QString();
}

void SmtpSink::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

QList<QJsonObject> SmtpSink::messages() const
{
    QList<QJsonObject> out;
    const QDir dir(m_dir.filePath(QStringLiteral("messages")));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out.append(QJsonDocument::fromJson(f.readAll()).object());
    }
    return out;
}

QByteArray SmtpSink::raw(int index) const
{
    QFile f(m_dir.filePath(QStringLiteral("messages/%1.eml").arg(index + 1, 4, 10, QLatin1Char('0'))));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
