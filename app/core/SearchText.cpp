#include "SearchText.h"

#include <QRegularExpression>

namespace foyer::core {

QString SearchText::normalizeWord(const QString& word)
{
    // Qt folds case one character at a time, so ß stays ß; staff type "ss".
    const QString decomposed =
        word.normalized(QString::NormalizationForm_KD).toCaseFolded().replace(QChar(u'\u00df'), QStringLiteral("ss"));
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed)
        if (c.isLetterOrNumber()) // combining accents (category Mark) and punctuation fall away
            out.append(c);
    return out;
}

QString SearchText::digitsOf(const QString& text)
{
    QString digits;
    for (const QChar c : text)
        if (c >= u'0' && c <= u'9')
            digits.append(c);
    return digits;
}

namespace {

QStringList words(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s\\-_.+,;/]+"));
    QStringList out;
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        const QString word = SearchText::normalizeWord(part);
        if (!word.isEmpty())
            out.append(word);
    }
    return out;
}

} // namespace

QStringList SearchText::wordsOf(const QString& text)
{
    return words(text);
}

QList<SearchText::Key> SearchText::keysFor(const QString& firstName, const QString& lastName,
                                           const QStringList& otherNames, const QString& organisation,
                                           const QStringList& emails, const QStringList& phones, qint64 patronNumber,
                                           const QStringList& tags)
{
    QList<Key> keys;
    auto add = [&keys](const QString& text, KeyKind kind) {
        if (text.isEmpty())
            return;
        const Key key{text, kind};
        if (!keys.contains(key))
            keys.append(key);
    };
    for (const QString& word : words(lastName))
        add(word, KeyKind::LastName);
    // "Mary-Jane Smith-Jones" is also found as "maryjane" and "smithjones"
    add(normalizeWord(lastName), KeyKind::LastName);
    for (const QString& word : words(firstName))
        add(word, KeyKind::FirstName);
    add(normalizeWord(firstName), KeyKind::FirstName);
    for (const QString& name : otherNames)
        for (const QString& word : words(name))
            add(word, KeyKind::OtherName);
    for (const QString& word : words(organisation))
        add(word, KeyKind::Organisation);
    add(normalizeWord(organisation), KeyKind::Organisation);
    // Phrases, so that "otto hartw" is one range scan however common each word is.
    const QString first = words(firstName).join(u' ');
    const QString last = words(lastName).join(u' ');
    if (!first.isEmpty() && !last.isEmpty()) {
        add(first + u' ' + last, KeyKind::NamePhrase);
        add(last + u' ' + first, KeyKind::NamePhrase);
    }
    for (const QString& name : otherNames) {
        const QString other = words(name).join(u' ');
        if (!other.isEmpty() && !last.isEmpty())
            add(other + u' ' + last, KeyKind::NamePhrase);
    }
    if (words(organisation).size() > 1)
        add(words(organisation).join(u' '), KeyKind::NamePhrase);
    for (const QString& email : emails) {
        const QString lower = email.trimmed().toLower();
        add(lower, KeyKind::Email);
        const QString local = lower.section(u'@', 0, 0);
        const QString domain = lower.section(u'@', 1);
        for (const QString& word : words(local))
            add(word, KeyKind::EmailPart);
        add(domain, KeyKind::EmailPart);
        // The address from each later piece of its local part on, so that typing it from there ("darrow2500@ex"
        // for "yara.darrow2500@example.org") is one range scan like a whole address. A few pieces at most: an
        // address with more separators than that is found from its first pieces and by its words.
        constexpr int MaxTails = 4;
        int tails = 0;
        for (qsizetype at = 0; at < local.size() && tails < MaxTails; ++at) {
            const QChar c = local.at(at);
            if ((c == u'.' || c == u'-' || c == u'_' || c == u'+') && at + 1 < local.size()) {
                add(lower.mid(at + 1), KeyKind::Email);
                ++tails;
            }
        }
    }
    for (const QString& tag : tags) {
        const QStringList tagWords = words(tag);
        for (const QString& word : tagWords)
            add(word, KeyKind::Tag);
        if (tagWords.size() > 1)
            add(tagWords.join(u' '), KeyKind::Tag);
    }
    for (const QString& phone : phones) {
        const QString digits = digitsOf(phone);
        add(digits, KeyKind::Phone);
        // Staff type a number the way the caller says it: with or without country and area code, so every tail of
        // seven digits or more is a key, and so are the last four.
        for (qsizetype length = digits.size() - 1; length >= 7; --length)
            add(digits.right(length), KeyKind::Phone);
        if (digits.size() > 4)
            add(digits.right(4), KeyKind::Phone);
    }
    if (patronNumber > 0)
        add(QString::number(patronNumber), KeyKind::PatronNumber);
    return keys;
}

QStringList SearchText::queryTokens(const QString& typed)
{
    const QString trimmed = typed.trimmed();
    static const QRegularExpression whitespace(QStringLiteral("\\s"));
    // An email address, or the start of one ("ada.lov"), is one token matched against whole addresses.
    if (trimmed.contains(u'@') || (!trimmed.contains(whitespace) &&
                                   (trimmed.contains(u'.') || trimmed.contains(u'_')) && !trimmed.at(0).isDigit()))
        return {trimmed.toLower().remove(whitespace)};
    const QString digitsOnly = digitsOf(trimmed);
    static const QRegularExpression phoneLike(QStringLiteral("^[\\d\\s()+\\-./]+$"));
    if (!digitsOnly.isEmpty() && phoneLike.match(trimmed).hasMatch()) // "(555) 123-45": one phone or number token
        return {digitsOnly};
    return words(trimmed);
}

QString SearchText::prefixEnd(const QString& prefix)
{
    if (prefix.isEmpty())
        return QString();
    QString end = prefix;
    end[end.size() - 1] = QChar(char16_t(end.at(end.size() - 1).unicode() + 1));
    return end;
}

} // namespace foyer::core
