#include "SyntheticPatronGenerator.h"

#include "UuidV7.h"

#include <QFile>

namespace foyer::seed {

namespace {

QStringList loadWords(const QString& resource)
{
    QFile file(resource);
    QStringList words;
    if (file.open(QIODevice::ReadOnly | QIODevice::Text))
        for (const QByteArray& line : file.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                words.append(QString::fromUtf8(line.trimmed()));
    return words;
}

} // namespace

SyntheticPatronGenerator::SyntheticPatronGenerator(quint32 seed, qint64 firstPatronNumber)
    : m_random(seed)
    , m_firstNames(loadWords(QStringLiteral(":/seed/first_names.txt")))
    , m_lastNames(loadWords(QStringLiteral(":/seed/last_names.txt")))
    , m_nextNumber(firstPatronNumber)
    , m_clockMs(QDateTime(QDate(2024, 1, 1), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch())
{
    Q_ASSERT(!m_firstNames.isEmpty() && !m_lastNames.isEmpty());
}

core::Patron SyntheticPatronGenerator::next()
{
    static const QStringList domains = {QStringLiteral("example.org"), QStringLiteral("example.com"),
                                        QStringLiteral("example.net"), QStringLiteral("mail.example")};
    static const QStringList sources = {QStringLiteral("box_office"), QStringLiteral("ticket_purchase"),
                                        QStringLiteral("donation"), QStringLiteral("upload")};
    core::Patron patron;
    m_clockMs += 1 + m_random.bounded(60000); // patrons arrive over time
    patron.id = core::UuidV7::generateAt(m_clockMs).toString(QUuid::WithoutBraces);
    patron.patronNumber = m_nextNumber++;
    patron.firstName = m_firstNames.at(m_random.bounded(int(m_firstNames.size())));
    patron.lastName = m_lastNames.at(m_random.bounded(int(m_lastNames.size())));
    patron.originalEmail = patron.firstName.toLower() + u'.' + patron.lastName.toLower() +
                           QString::number(patron.patronNumber) + u'@' +
                           domains.at(m_random.bounded(int(domains.size())));
    patron.source = sources.at(m_random.bounded(int(sources.size())));
    patron.createdAt = QDateTime::fromMSecsSinceEpoch(m_clockMs, Qt::UTC);
    return patron;
}

std::pair<core::Patron, QList<core::ContactPoint>> SyntheticPatronGenerator::nextWithContacts()
{
    core::Patron patron = next();
    if (!m_previous.id.isEmpty() && m_random.bounded(10) == 0) {
        patron.lastName = m_previous.lastName;
        patron.originalEmail = m_previous.originalEmail;
    }
    // 555-01xx numbers are reserved for fiction.
    const QString phone =
        QStringLiteral("(%1) 555-01%2").arg(200 + m_random.bounded(700)).arg(m_random.bounded(100), 2, 10, QChar(u'0'));
    QList<core::ContactPoint> contacts = {
        {QString(), core::ContactPoint::Kind::Email, patron.originalEmail, true, true},
        {QString(), core::ContactPoint::Kind::CellPhone, phone, true, false}};
    m_previous = patron;
    return {patron, contacts};
}

} // namespace foyer::seed
