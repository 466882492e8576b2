#include "ServerProcess.h"

#include "ApiClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QThread>

ServerProcess::ServerProcess(const QString& dbHost, int dbPort, const QString& dbName, const QString& dbUser)
{
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
    }
    QFile ini(configPath());
    if (ini.open(QIODevice::WriteOnly))
        ini.write(QStringLiteral("[server]\nlisten=127.0.0.1\nport=%1\ncertificate=server.crt\nkey=server.key\n"
                                 "session_lifetime_minutes=60\n[database]\nhost=%2\nport=%3\nname=%4\nuser=%5\n")
                      .arg(m_port)
                      .arg(dbHost)
                      .arg(dbPort)
                      .arg(dbName, dbUser)
                      .toUtf8());
    makeCertificates();
    QObject::connect(&m_process, &QProcess::readyReadStandardError,
                     [this] { m_log += m_process.readAllStandardError(); });
}

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::binary()
{
    return QStringLiteral(FOYER_BINARY_DIR "/server/foyer-server");
}

QString ServerProcess::makeCertificates()
{
    const QString d = m_dir.path() + u'/';
    const auto openssl = [&](const QStringList& args) {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("openssl"), args);
        return p.waitForFinished(60000) && p.exitCode() == 0;
    };
    QFile ext(d + QStringLiteral("ext.cnf"));
    if (ext.open(QIODevice::WriteOnly))
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n");
    ext.close();
    const bool ok =
        openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                 QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                 QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.crt"),
                 QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                 QStringLiteral("/CN=Foyer test CA")}) &&
        openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                 QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                 QStringLiteral("server.key"), QStringLiteral("-out"), QStringLiteral("server.csr"),
                 QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")}) &&
        openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
                 QStringLiteral("-CA"), QStringLiteral("ca.crt"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                 QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.crt"),
                 QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("ext.cnf")});
    if (!ok)
        return QStringLiteral("openssl failed");
    m_ca = QSslCertificate::fromPath(d + QStringLiteral("ca.crt"));
    return QString();
}

int ServerProcess::runCommand(const QStringList& args, const QByteArray& input, QByteArray* output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary(), args + QStringList{QStringLiteral("--config"), configPath()});
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    if (output)
        *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QString ServerProcess::start(int timeoutMs)
{
    m_process.start(binary(), {QStringLiteral("serve"), QStringLiteral("--config"), configPath()});
    if (!m_process.waitForStarted(10000))
        return QStringLiteral("foyer-server did not start");
    ApiClient client(baseUrl(), m_ca);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (m_process.state() == QProcess::NotRunning)
            return QStringLiteral("foyer-server exited: ") + QString::fromLocal8Bit(m_log);
        if (client.get(QStringLiteral("/v1/health")).status == 200)
            return QString();
        QThread::msleep(100);
    }
    return QStringLiteral("foyer-server did not answer /v1/health");
}

void ServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(10000);
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}
