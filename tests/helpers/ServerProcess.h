#pragma once

#include <QByteArray>
#include <QProcess>
#include <QSslCertificate>
#include <QString>
#include <QTemporaryDir>

// The built foyer-server binary as a real process for a test: a config file, a throw-away CA and server
// certificate (openssl), a free loopback port; start waits for /v1/health.
class ServerProcess
{
public:
    ServerProcess(const QString& dbHost, int dbPort, const QString& dbName, const QString& dbUser);
    ~ServerProcess();

    QString start(int timeoutMs = 30000);
    void kill(); // SIGKILL
    void stop(); // SIGTERM, then SIGKILL
    bool running() const { return m_process.state() != QProcess::NotRunning; }

    // Runs a foyer-server command (migrate, create-admin ...) on the same config; stdin is written to it. Exit code.
    int runCommand(const QStringList& args, const QByteArray& input, QByteArray* output = nullptr);

    int port() const { return m_port; }
    QString baseUrl() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }
    QList<QSslCertificate> caCertificates() const { return m_ca; }
    QString configPath() const { return m_dir.path() + QStringLiteral("/server.ini"); }
    QByteArray log() const { return m_log; }

    static QString binary();

private:
    QString makeCertificates();

    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_log;
    int m_port = 0;
    QList<QSslCertificate> m_ca;
};
