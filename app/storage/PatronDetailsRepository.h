#pragma once

#include "Relationship.h"

#include <QSqlDatabase>
#include <QStringList>

namespace foyer::storage {

// Tags and relationships on a patron's details. Each change writes history, audit and outbox in one transaction.
class PatronDetailsRepository
{
public:
    explicit PatronDetailsRepository(QSqlDatabase db);

    // Reads report a refused statement in error (when given); an empty list then means "could not be read".
    QStringList tags(const QString& patronId, QString* error);
    // Creates the tag the first time any patron gets it; adding a tag the patron has is not an error.
    bool addTag(const QString& patronId, const QString& tag, const QString& actorId, QString* error);
    bool removeTag(const QString& patronId, const QString& tag, const QString& actorId, QString* error);

    // Both directions: links this patron made and links made to this patron (shown with the reciprocal type).
    QList<core::Relationship> relationships(const QString& patronId, QString* error);
    bool addRelationship(const QString& patronId, const QString& otherPatronId, const QString& type,
                         const QString& actorId, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace foyer::storage
