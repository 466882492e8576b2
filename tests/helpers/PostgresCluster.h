#pragma once

#include <QString>
#include <QTemporaryDir>

// A throw-away PostgreSQL cluster for a test: initdb in a temporary folder (as the postgres user when the test runs
// as root), trust authentication on 127.0.0.1 at a free port, stopped and deleted in the destructor.
class PostgresCluster
{
public:
    PostgresCluster();
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    // Empty when the cluster runs; else what went wrong.
    QString start();
    // Creates a database (as the postgres superuser).
    QString createDatabase(const QString& name);
    // mode: immediate (no checkpoint; committed work survives only as far as the WAL reached the OS) or fast.
    void stop(const QString& mode = QStringLiteral("immediate"));
    // Starts the stopped cluster again (same folder, port and data); empty when it runs.
    QString resume();

    int port() const { return m_port; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    QString user() const { return QStringLiteral("postgres"); }

private:
    QString startServer();
    QString runAsOwner(const QString& program, const QStringList& args, int timeoutMs = 60000);
    static QString binDir();

    QTemporaryDir m_dir;
    int m_port = 0;
    bool m_running = false;
};
