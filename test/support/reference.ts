import type { Database } from "./worker";

/** Every kind in turn, so the featured section (speeches, interviews, articles) has its newest. */
const KINDS = ["news", "speech", "statement", "interview", "article"];

/** The embassy of the reference page: London's zone, clocks for Moscow and London, two counters, English and Russian. */
export async function seedReferenceSite(db: Database, publications = 12): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE site SET name = 'Embassy', time_zone = 'Europe/London', locale = 'en-GB',
          date_format = 'DD.MM.YYYY', clocks = ?1, contacts = ?2, languages = '["en","ru"]' WHERE id = 1`,
      )
      .bind(
        JSON.stringify([
          { label: "Moscow", time_zone: "Europe/Moscow" },
          { label: "London", time_zone: "Europe/London" },
        ]),
        JSON.stringify({ phone: "+44 20 7946 0000", email: "consular@embassy.example" }),
      ),
    db.prepare(
      `INSERT INTO counters (slug, since, sentences, position) VALUES
        ('charter', '2018-03-04', json_object('en', json_object(
          'one', '{days} day has passed since the Charter - still counting',
          'other', '{days} days have passed since the Charter - still counting')), 1),
        ('chancery', '2018-03-12', json_object('en', json_object(
          'one', '{days} day has passed since the new chancery opened - welcome',
          'other', '{days} days have passed since the new chancery opened - welcome')), 2)`,
    ),
    ...Array.from({ length: publications }, (_, i) => {
      // One a day up to 24 October 2020, the day before the reference instant.
      const day = new Date(Date.UTC(2020, 9, 24 - i, 9 + (i % 5)));
      return db
        .prepare(
          `INSERT INTO publications (slug, kind, lang, title, lead, body, published_at, status, created_at, updated_at)
           VALUES (?1, ?2, 'en', ?3, ?4, '<p>Body</p>', ?5, 'published', ?5, ?5)`,
        )
        .bind(
          `event-${i + 1}`,
          KINDS[i % KINDS.length],
          `Event number ${i + 1} of the autumn season`,
          `The lead of event ${i + 1}, one sentence long.`,
          day.toISOString(),
        );
    }),
  ]);
}
