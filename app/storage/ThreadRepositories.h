#pragma once

#include "Database.h"
#include "Repositories.h"

#include <memory>

namespace foyer::storage {

// The repositories on a connection of their own to the database's file, for a worker thread (a report reads while
// the window keeps the main connection). Opened by the constructor and closed by the destructor: make, use and
// destroy it on that one thread. In WAL mode it reads what the main connection has committed.
class ThreadRepositories
{
public:
    ThreadRepositories(const Database& database, DatabaseError* error);
    ~ThreadRepositories();
    ThreadRepositories(const ThreadRepositories&) = delete;
    ThreadRepositories& operator=(const ThreadRepositories&) = delete;

    // Null when the connection could not be opened (the error says why).
    Repositories* repositories() const { return m_repos.get(); }

private:
    QString m_name;
    std::unique_ptr<Repositories> m_repos;
};

} // namespace foyer::storage
