#include "PostgresCluster.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QUuid>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

PostgresCluster::PostgresCluster()
    : m_dir(QDir::tempPath() + QStringLiteral("/foyer-pg-XXXXXX"))
{
}

PostgresCluster::~PostgresCluster()
{
    stop();
}

QString PostgresCluster::binDir()
{
    const QStringList versions =
        QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    return versions.isEmpty() ? QString() : QStringLiteral("/usr/lib/postgresql/") + versions.last() + u"/bin";
}

QString PostgresCluster::runAsOwner(const QString& program, const QStringList& args, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (geteuid() == 0)
        p.start(QStringLiteral("runuser"),
                QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + args);
    else
        p.start(program, args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return program + QStringLiteral(" failed: ") + QString::fromLocal8Bit(p.readAll());
    return QString();
}

QString PostgresCluster::start()
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    const QString bin = binDir();
    if (bin.isEmpty())
        return QStringLiteral("PostgreSQL is not installed (/usr/lib/postgresql/*/bin)");
    if (geteuid() == 0) {
        const passwd* pg = getpwnam("postgres");
        if (!pg)
            return QStringLiteral("no postgres user");
        if (chown(m_dir.path().toLocal8Bit().constData(), pg->pw_uid, pg->pw_gid) != 0)
            return QStringLiteral("cannot hand the cluster folder to postgres");
    }
    chmod(m_dir.path().toLocal8Bit().constData(), 0755);
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return QStringLiteral("no free port");
        m_port = probe.serverPort();
    }
    const QString data = m_dir.path() + QStringLiteral("/data");
    QString error = runAsOwner(bin + QStringLiteral("/initdb"),
                               {QStringLiteral("-D"), data, QStringLiteral("-A"), QStringLiteral("trust"),
                                QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-E"),
                                QStringLiteral("UTF8"), QStringLiteral("--locale=C"), QStringLiteral("-N")},
                               120000);
    if (!error.isEmpty())
        return error;
    return startServer();
}

QString PostgresCluster::resume()
{
    return m_running ? QString() : startServer();
}

QString PostgresCluster::startServer()
{
    const QString data = m_dir.path() + QStringLiteral("/data");
    const QString error = runAsOwner(binDir() + QStringLiteral("/pg_ctl"),
                                     {QStringLiteral("-D"), data, QStringLiteral("-l"),
                                      m_dir.path() + QStringLiteral("/log"), QStringLiteral("-w"), QStringLiteral("-o"),
                                      QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                                     "-c synchronous_commit=off -c max_connections=50 %3")
                                          .arg(m_port)
                                          .arg(m_dir.path())
                                          // More "-c name=value" settings, for profiling a run (auto_explain).
                                          .arg(qEnvironmentVariable("FOYER_PG_EXTRA")),
                                      QStringLiteral("start")},
                                     120000);
    if (!error.isEmpty())
        return error;
    m_running = true;
    return QString();
}

QString PostgresCluster::createDatabase(const QString& name)
{
    const QString connection = QStringLiteral("pg-admin-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(host());
        db.setPort(m_port);
        db.setUserName(user());
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name)))
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

void PostgresCluster::stop(const QString& mode)
{
    if (!m_running)
        return;
    runAsOwner(binDir() + QStringLiteral("/pg_ctl"),
               {QStringLiteral("-D"), m_dir.path() + QStringLiteral("/data"), QStringLiteral("-m"), mode,
                QStringLiteral("-w"), QStringLiteral("stop")});
    m_running = false;
}
