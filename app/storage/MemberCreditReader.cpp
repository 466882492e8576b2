#include "MemberCreditReader.h"

#include "SqlBinding.h"
#include "SqlRead.h"

#include <QDate>
#include <QSqlQuery>

namespace foyer::storage {

namespace {

// The membership numbers an order names, each once.
QStringList distinctNumbers(QStringList numbers)
{
    numbers.removeAll(QString());
    numbers.removeDuplicates();
    return numbers;
}

// "?, ?, ?" for a list of n values.
QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(QStringLiteral(", "));
}

} // namespace

MemberCreditReader::MemberCreditReader(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QHash<QString, core::MemberRecord>>
MemberCreditReader::memberRecords(const QStringList& membershipNumbers, QString* error)
{
    QHash<QString, core::MemberRecord> out;
    const QStringList numbers = distinctNumbers(membershipNumbers);
    if (numbers.isEmpty())
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QVariantList values;
    for (const QString& n : numbers)
        values.append(n);
    QHash<QString, QString> numberById;
    QHash<QString, QString> levelByNumber;
    // The shared-email rule counts every live membership with the member's email, in this order or not; a renewed
    // one is replaced by its successor and cannot be used, so it makes no email ambiguous.
    if (!readRows(
            q,
            QStringLiteral("SELECT m.id, m.membership_number, coalesce(m.member_email, ''), "
                           "coalesce(m.password_hash, ''), m.valid_from, m.valid_until, m.renewed_by_id IS NOT NULL, "
                           "m.benefit_level_id, (SELECT count(*) FROM membership e WHERE e.deleted_at IS NULL AND "
                           "e.renewed_by_id IS NULL AND trim(coalesce(m.member_email, '')) <> '' AND "
                           "lower(trim(e.member_email)) = lower(trim(m.member_email))) FROM membership m WHERE "
                           "m.deleted_at IS NULL AND m.membership_number IN (%1)")
                .arg(placeholders(numbers.size())),
            values, tr("the member records"),
            [&](const QSqlQuery& row) {
                core::MemberRecord m;
                m.membershipNumber = row.value(1).toString();
                m.email = row.value(2).toString();
                m.passwordHash = row.value(3).toString();
                m.validFrom = QDate::fromString(row.value(4).toString().left(10), Qt::ISODate);
                m.validUntil = QDate::fromString(row.value(5).toString().left(10), Qt::ISODate);
                m.renewed = row.value(6).toInt() != 0;
                m.membershipsWithEmail = row.value(8).toInt();
                out.insert(m.membershipNumber, m);
                numberById.insert(row.value(0).toString(), m.membershipNumber);
                levelByNumber.insert(m.membershipNumber, row.value(7).toString());
            },
            error))
        return std::nullopt;
    QSqlQuery shows(m_db);
    shows.setForwardOnly(true);
    const QString showsRead = tr("the shows a benefit level covers");
    if (!prepareRead(shows, QStringLiteral("SELECT show_id FROM benefit_level_show WHERE benefit_level_id = ?"),
                     showsRead, error))
        return std::nullopt;
    for (auto it = levelByNumber.cbegin(); it != levelByNumber.cend(); ++it)
        if (!readRows(
                shows, {it.value()}, showsRead,
                [&](const QSqlQuery& row) { out[it.key()].coveredShowIds.append(row.value(0).toString()); }, error))
            return std::nullopt;
    QSqlQuery credits(m_db);
    credits.setForwardOnly(true);
    const QString creditsRead = tr("the members' seat credits");
    if (!prepareRead(credits,
                     QStringLiteral("SELECT show_id, seats FROM membership_credit WHERE membership_id = ? AND "
                                    "deleted_at IS NULL"),
                     creditsRead, error))
        return std::nullopt;
    for (auto it = numberById.cbegin(); it != numberById.cend(); ++it)
        if (!readRows(
                credits, {it.key()}, creditsRead,
                [&](const QSqlQuery& row) {
                    core::MemberRecord& m = out[it.value()];
                    if (row.value(0).isNull())
                        m.seasonCredits = std::max(0, m.seasonCredits) + row.value(1).toInt();
                    else
                        m.creditsPerShow[row.value(0).toString()] += row.value(1).toInt();
                },
                error))
            return std::nullopt;
    return out;
}

std::optional<QList<core::PriorCreditUse>> MemberCreditReader::priorCreditUse(const QStringList& membershipNumbers,
                                                                              const QString& excludingOrderId,
                                                                              QString* error)
{
    QList<core::PriorCreditUse> out;
    const QStringList numbers = distinctNumbers(membershipNumbers);
    if (numbers.isEmpty())
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QVariantList values{textOrNull(excludingOrderId)};
    for (const QString& n : numbers)
        values.append(n);
    if (!readRows(
            q,
            QStringLiteral("SELECT m.membership_number, u.show_id, o.internal_status, l.status FROM "
                           "membership_seat_use u JOIN membership m ON m.id = u.membership_id JOIN order_line l ON "
                           "l.id = u.order_line_id JOIN \"order\" o ON o.id = l.order_id WHERE u.deleted_at IS NULL "
                           "AND l.deleted_at IS NULL AND o.id IS NOT ? AND m.membership_number IN (%1)")
                .arg(placeholders(numbers.size())),
            values, tr("the seat credits already used"),
            [&](const QSqlQuery& row) {
                out.append({row.value(0).toString(), row.value(1).toString(), row.value(2).toString(),
                            row.value(3).toString()});
            },
            error))
        return std::nullopt;
    return out;
}

} // namespace foyer::storage
