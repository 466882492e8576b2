#include "PatronEditRepository.h"

#include "ChangeLog.h"
#include "Clock.h"
#include "PatronRepository.h"
#include "SearchText.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QDate>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

namespace {

bool exec(QSqlQuery& query, QString* error)
{
    return query.exec() || fail(error, query.lastError().text());
}

} // namespace

PatronEditRepository::PatronEditRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool PatronEditRepository::recordEdit(const QString& patronId, const QString& entity, const QString& entityId,
                                      const QStringList& changes, const QVariantMap& payload, const QString& actorId,
                                      QString* error)
{
    ChangeLog::Change change;
    change.entity = entity;
    change.entityId = entityId;
    change.patronId = patronId;
    change.historyKind = QStringLiteral("profile_edit");
    change.summary = changes.join(QStringLiteral("; "));
    change.actorId = actorId;
    change.payload = payload;
    return ChangeLog(m_db).record(change, error);
}

bool PatronEditRepository::savePersonalDetails(const QString& patronId, const core::PersonalDetailsForm& form,
                                               const QString& householdName, const QString& actorId, QString* error)
{
    // The details are read inside the transaction that writes, so the checks and the write see the same patron.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    PatronRepository patrons(m_db);
    QString readError;
    const std::optional<core::PatronProfile> before = patrons.loadProfile(patronId, &readError);
    if (!before)
        return fail(error, readError.isEmpty() ? QStringLiteral("Patron %1 not found.").arg(patronId) : readError);
    core::Patron after = before->patron;
    const QList<core::PersonalDetailsRules::Problem> problems =
        core::PersonalDetailsRules::apply(form, core::Clock::today(), &after);
    if (!problems.isEmpty())
        return fail(error, problems.constFirst().message);
    const QString household = householdName.simplified();
    if (household.size() > 120)
        return fail(error, QStringLiteral("A household name is at most 120 characters."));

    QStringList changes;
    for (const auto& change : core::PersonalDetailsRules::changes(before->patron, after))
        changes.append(QStringLiteral("%1: \"%2\" -> \"%3\"").arg(change.field, change.before, change.after));
    if (after.contactOwnerId != before->patron.contactOwnerId) {
        QSqlQuery owner(m_db);
        owner.prepare(QStringLiteral("SELECT display_name FROM staff_user WHERE id = ? AND deleted_at IS NULL"));
        owner.addBindValue(after.contactOwnerId);
        QString ownerName;
        if (!after.contactOwnerId.isEmpty()) {
            bool ownerFound = false;
            if (!readFirst(owner, &ownerFound, error))
                return false;
            if (!ownerFound)
                return fail(error, QStringLiteral("The contact owner must be a staff member."));
            ownerName = owner.value(0).toString();
        }
        changes.append(QStringLiteral("Contact owner: \"%1\" -> \"%2\"").arg(before->contactOwnerName, ownerName));
    }
    const bool householdChanged = household != before->householdName && !household.isEmpty();
    if (householdChanged)
        changes.append(QStringLiteral("Household: \"%1\" -> \"%2\"").arg(before->householdName, household));
    if (changes.isEmpty())
        return true; // nothing to save is not a failure (the unfinished transaction rolls back, having written nothing)

    const QString now = nowUtcText();
    QString householdId = after.householdId;
    bool ok = true;
    if (householdChanged) {
        QSqlQuery q(m_db);
        if (householdId.isEmpty()) {
            householdId = core::UuidV7::generateText();
            q.prepare(QStringLiteral("INSERT INTO household (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)"));
            for (const QString& value : {householdId, household, now, now})
                q.addBindValue(value);
        } else {
            q.prepare(QStringLiteral("UPDATE household SET name = ?, updated_at = ? WHERE id = ?"));
            for (const QString& value : {household, now, householdId})
                q.addBindValue(value);
        }
        ok = exec(q, error);
    }
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral(
        "UPDATE patron SET first_name = ?, middle_name = ?, last_name = ?, preferred_name = ?, nickname = ?, "
        "pronouns = ?, birthday = ?, organisation = ?, preferred_contact_method = ?, alumni_year = ?, "
        "email_subscription = ?, household_id = ?, contact_owner_id = ?, updated_at = ? WHERE id = ?"));
    update.addBindValue(after.firstName);
    update.addBindValue(textOrNull(after.middleName));
    update.addBindValue(after.lastName);
    update.addBindValue(textOrNull(after.preferredName));
    update.addBindValue(textOrNull(after.nickname));
    update.addBindValue(textOrNull(after.pronouns));
    update.addBindValue(textOrNull(after.birthday.isValid() ? after.birthday.toString(Qt::ISODate) : QString()));
    update.addBindValue(textOrNull(after.organisation));
    update.addBindValue(textOrNull(after.preferredContactMethod));
    update.addBindValue(after.alumniYear > 0 ? QVariant(after.alumniYear) : QVariant(QMetaType(QMetaType::Int)));
    update.addBindValue(after.emailSubscription ? 1 : 0);
    update.addBindValue(textOrNull(householdId));
    update.addBindValue(textOrNull(after.contactOwnerId));
    update.addBindValue(now);
    update.addBindValue(patronId);
    ok = ok && exec(update, error) && patrons.rebuildSearchKeys(patronId, error);
    ok = ok && recordEdit(patronId, QStringLiteral("patron"), patronId, changes,
                          {{QStringLiteral("id"), patronId},
                           {QStringLiteral("first_name"), after.firstName},
                           {QStringLiteral("middle_name"), after.middleName},
                           {QStringLiteral("last_name"), after.lastName},
                           {QStringLiteral("preferred_name"), after.preferredName},
                           {QStringLiteral("nickname"), after.nickname},
                           {QStringLiteral("pronouns"), after.pronouns},
                           {QStringLiteral("birthday"), form.birthday.trimmed()},
                           {QStringLiteral("organisation"), after.organisation},
                           {QStringLiteral("preferred_contact_method"), after.preferredContactMethod},
                           {QStringLiteral("alumni_year"), after.alumniYear},
                           {QStringLiteral("email_subscription"), after.emailSubscription},
                           {QStringLiteral("household_id"), householdId},
                           {QStringLiteral("contact_owner_id"), after.contactOwnerId},
                           {QStringLiteral("household_name"), household}},
                          actorId, error);
    return txn.finish(ok);
}

bool PatronEditRepository::saveContactDetails(const QString& patronId, const core::ContactDetailsForm& form,
                                              const QString& actorId, QString* error)
{
    // The details are read inside the transaction that writes, so the checks and the write see the same patron.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    PatronRepository patrons(m_db);
    QString readError;
    const std::optional<core::PatronProfile> before = patrons.loadProfile(patronId, &readError);
    if (!before)
        return fail(error, readError.isEmpty() ? QStringLiteral("Patron %1 not found.").arg(patronId) : readError);
    const QList<core::ContactDetailsForm::Problem> problems = form.problems(before->patron.originalEmail);
    if (!problems.isEmpty())
        return fail(error, problems.constFirst().message);

    const QString now = nowUtcText();
    QStringList changes;
    bool ok = true;
    QSqlQuery q(m_db);
    // Emails: drop the ones no longer listed, add the new ones, then mark the primary.
    QStringList kept;
    for (const core::ContactPoint& email : before->emails) {
        if (form.emails.contains(email.value, Qt::CaseInsensitive)) {
            kept.append(email.value.toLower());
            continue;
        }
        if (email.isOriginal)
            return fail(error, QStringLiteral("The original email cannot be removed."));
        q.prepare(QStringLiteral("UPDATE patron_email SET deleted_at = ?, updated_at = ? WHERE id = ?"));
        for (const QString& value : {now, now, email.id})
            q.addBindValue(value);
        ok = ok && exec(q, error);
        changes.append(QStringLiteral("Email %1 removed").arg(email.value));
    }
    for (const QString& email : form.emails) {
        if (!ok || kept.contains(email.trimmed().toLower()))
            continue;
        core::ContactPoint added{core::UuidV7::generateText(), core::ContactPoint::Kind::Email, email.trimmed(), false,
                                 false};
        q.prepare(QStringLiteral("INSERT INTO patron_email (id, patron_id, address, is_primary, is_original, "
                                 "created_at, updated_at) VALUES (?, ?, ?, 0, 0, ?, ?)"));
        for (const QString& value : {added.id, patronId, added.value, now, now})
            q.addBindValue(value);
        ok = exec(q, error);
        changes.append(QStringLiteral("Email %1 added").arg(added.value));
    }
    const QString oldPrimary = before->emails.isEmpty() || !before->emails.constFirst().isPrimary
                                   ? QString()
                                   : before->emails.constFirst().value;
    if (ok && form.primaryEmail.trimmed().compare(oldPrimary, Qt::CaseInsensitive) != 0) {
        q.prepare(QStringLiteral("UPDATE patron_email SET is_primary = (lower(address) = lower(?)), updated_at = ? "
                                 "WHERE patron_id = ? AND deleted_at IS NULL"));
        for (const QString& value : {form.primaryEmail.trimmed(), now, patronId})
            q.addBindValue(value);
        ok = exec(q, error);
        changes.append(QStringLiteral("Primary email: \"%1\" -> \"%2\"").arg(oldPrimary, form.primaryEmail.trimmed()));
    }
    // Phones: one home and one cell number; a cleared field removes the number.
    const QList<std::pair<core::ContactPoint::Kind, QString>> phones = {
        {core::ContactPoint::Kind::HomePhone, form.homePhone.trimmed()},
        {core::ContactPoint::Kind::CellPhone, form.cellPhone.trimmed()}};
    for (const auto& [kind, number] : phones) {
        QString oldNumber, oldId;
        for (const core::ContactPoint& phone : before->phones)
            if (phone.kind == kind && oldId.isEmpty()) {
                oldNumber = phone.value;
                oldId = phone.id;
            }
        if (!ok || number == oldNumber)
            continue;
        const QString kindName = core::ContactPoint::kindName(kind);
        if (!oldId.isEmpty()) {
            q.prepare(QStringLiteral("UPDATE patron_phone SET deleted_at = ?, updated_at = ? WHERE id = ?"));
            for (const QString& value : {now, now, oldId})
                q.addBindValue(value);
            ok = exec(q, error);
        }
        if (ok && !number.isEmpty()) {
            q.prepare(QStringLiteral("INSERT INTO patron_phone (id, patron_id, kind, number, digits, is_primary, "
                                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
            q.addBindValue(core::UuidV7::generateText());
            q.addBindValue(patronId);
            q.addBindValue(kindName);
            q.addBindValue(number);
            q.addBindValue(core::SearchText::digitsOf(number));
            q.addBindValue(kind == core::ContactPoint::Kind::CellPhone || form.cellPhone.trimmed().isEmpty() ? 1 : 0);
            q.addBindValue(now);
            q.addBindValue(now);
            ok = exec(q, error);
        }
        changes.append(QStringLiteral("%1 phone: \"%2\" -> \"%3\"").arg(kindName, oldNumber, number));
    }
    if (changes.isEmpty())
        return txn.finish(true);
    ok = ok && patrons.rebuildSearchKeys(patronId, error);
    ok = ok && recordEdit(patronId, QStringLiteral("patron_contact"), patronId, changes,
                          {{QStringLiteral("patron_id"), patronId},
                           {QStringLiteral("emails"), form.emails},
                           {QStringLiteral("primary_email"), form.primaryEmail.trimmed()},
                           {QStringLiteral("home_phone"), form.homePhone.trimmed()},
                           {QStringLiteral("cell_phone"), form.cellPhone.trimmed()}},
                          actorId, error);
    return txn.finish(ok);
}

bool PatronEditRepository::saveAddresses(const QString& patronId, QList<core::PostalAddress> addresses,
                                         const QString& actorId, QString* error)
{
    for (const core::PostalAddress& address : std::as_const(addresses))
        if (const QString problem = address.problem(); !problem.isEmpty())
            return fail(error, problem);
    // The details are read inside the transaction that writes, so the checks and the write see the same patron.
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    PatronRepository patrons(m_db);
    QString readError;
    const std::optional<core::PatronProfile> before = patrons.loadProfile(patronId, &readError);
    if (!before)
        return fail(error, readError.isEmpty() ? QStringLiteral("Patron %1 not found.").arg(patronId) : readError);
    // Exactly one primary: the first one marked, else the first address.
    bool primarySeen = false;
    for (core::PostalAddress& address : addresses) {
        address.isPrimary = address.isPrimary && !primarySeen;
        primarySeen = primarySeen || address.isPrimary;
    }
    if (!primarySeen && !addresses.isEmpty())
        addresses.first().isPrimary = true;

    const QString now = nowUtcText();
    QStringList changes;
    bool ok = true;
    QSqlQuery q(m_db);
    QStringList keptIds;
    for (core::PostalAddress& address : addresses) {
        if (!ok)
            break;
        const auto old = std::find_if(before->addresses.cbegin(), before->addresses.cend(),
                                      [&address](const core::PostalAddress& a) { return a.id == address.id; });
        const bool isNew = address.id.isEmpty() || old == before->addresses.cend();
        if (!isNew && old->singleLine() == address.singleLine() && old->isPrimary == address.isPrimary) {
            keptIds.append(address.id);
            continue;
        }
        if (isNew) {
            address.id = core::UuidV7::generateText();
            q.prepare(QStringLiteral("INSERT INTO patron_address (id, patron_id, line1, line2, city, region, "
                                     "postal_code, country, is_primary, created_at, updated_at) VALUES (?, ?, ?, ?, "
                                     "?, ?, ?, ?, ?, ?, ?)"));
            q.addBindValue(address.id);
            q.addBindValue(patronId);
        } else {
            q.prepare(QStringLiteral("UPDATE patron_address SET line1 = ?, line2 = ?, city = ?, region = ?, "
                                     "postal_code = ?, country = ?, is_primary = ?, updated_at = ? WHERE id = ?"));
        }
        q.addBindValue(address.line1.trimmed());
        q.addBindValue(textOrNull(address.line2.trimmed()));
        q.addBindValue(address.city.trimmed());
        q.addBindValue(textOrNull(address.region.trimmed()));
        q.addBindValue(textOrNull(address.postalCode.trimmed()));
        q.addBindValue(address.country.trimmed());
        q.addBindValue(address.isPrimary ? 1 : 0);
        if (isNew)
            q.addBindValue(now);
        q.addBindValue(now);
        if (!isNew)
            q.addBindValue(address.id);
        ok = exec(q, error);
        keptIds.append(address.id);
        if (isNew)
            changes.append(QStringLiteral("Address added: %1").arg(address.singleLine()));
        else if (old->singleLine() != address.singleLine())
            changes.append(QStringLiteral("Address: \"%1\" -> \"%2\"").arg(old->singleLine(), address.singleLine()));
        if (address.isPrimary && (isNew ? before->addresses.size() > 0 : !old->isPrimary))
            changes.append(QStringLiteral("Primary address: \"%1\"").arg(address.singleLine()));
    }
    for (const core::PostalAddress& old : before->addresses) {
        if (!ok || keptIds.contains(old.id))
            continue;
        q.prepare(QStringLiteral("UPDATE patron_address SET deleted_at = ?, updated_at = ? WHERE id = ?"));
        for (const QString& value : {now, now, old.id})
            q.addBindValue(value);
        ok = exec(q, error);
        changes.append(QStringLiteral("Address removed: %1").arg(old.singleLine()));
    }
    if (changes.isEmpty())
        return txn.finish(ok);
    QVariantList payload;
    for (const core::PostalAddress& a : std::as_const(addresses))
        payload.append(QVariantMap{{QStringLiteral("id"), a.id},
                                   {QStringLiteral("line1"), a.line1},
                                   {QStringLiteral("line2"), a.line2},
                                   {QStringLiteral("city"), a.city},
                                   {QStringLiteral("region"), a.region},
                                   {QStringLiteral("postal_code"), a.postalCode},
                                   {QStringLiteral("country"), a.country},
                                   {QStringLiteral("is_primary"), a.isPrimary}});
    ok = ok &&
         recordEdit(patronId, QStringLiteral("patron_address"), patronId, changes,
                    {{QStringLiteral("patron_id"), patronId}, {QStringLiteral("addresses"), payload}}, actorId, error);
    return txn.finish(ok);
}

} // namespace foyer::storage
