#include "ThreadRepositories.h"

#include <QUuid>

namespace foyer::storage {

ThreadRepositories::ThreadRepositories(const Database& database, DatabaseError* error)
    : m_name(QStringLiteral("worker-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    const QSqlDatabase db = database.openWorkerConnection(m_name, error);
    if (db.isOpen())
        m_repos = std::make_unique<Repositories>(db);
}

ThreadRepositories::~ThreadRepositories()
{
    m_repos.reset(); // its queries and connection handles go before the connection does
    Database::closeWorkerConnection(m_name);
}

} // namespace foyer::storage
