-- Sample data for local development: a fictional embassy of a fictional country.
-- Every name, person, event, address and number here is invented; phone numbers
-- are from the range reserved for drama and web addresses use .example domains.
-- Loaded once into a fresh local database by scripts/seed-local.mjs.

UPDATE site SET
  name = 'Embassy of the Republic of Valdoria in the United Kingdom',
  time_zone = 'Europe/London',
  locale = 'en-GB',
  date_format = 'DD.MM.YYYY',
  clocks = '[{"label":"Corvena","time_zone":"Europe/Moscow"},{"label":"London","time_zone":"Europe/London"}]',
  contacts = '{"phone":"+44 20 7946 0000","email":"consular@valdoria-embassy.example","address":"14 Aldermoor Gardens, London W8 4ZX, United Kingdom","fields":[{"label":"Consular hours","value":"Mon–Fri 09:30–12:30"},{"label":"Emergency line","value":"+44 20 7946 0999"}]}'
WHERE id = 1;

INSERT INTO counters (slug, since, text, position, active) VALUES
  ('national-charter', '2018-03-04', '{days} days have passed since the people of Valdoria adopted the National Charter - a promise we keep renewing every day', 1, 1),
  ('london-chancery', '2018-03-12', '{days} days have passed since the Embassy moved into its new chancery in London - thank you to everyone who has visited us since', 2, 1);

INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  1, 'consular-section-resumes-in-person-appointments', 'news', 'en',
  'Consular section resumes in-person appointments from 15 June',
  'The consular section of the Embassy will reopen its counters to visitors with a booked appointment from Monday 15 June. Walk-in visits remain suspended for now.',
  '<p>After almost three months of handling requests by post and email only, the consular section is ready to welcome visitors again. From <strong>Monday 15 June</strong> applicants may attend in person, provided they have booked a time slot in advance.</p><h2>How to book</h2><p>Appointments can be made through the <a href="https://valdoria-embassy.example/consular/appointments">online booking page</a>. Each slot lasts fifteen minutes and covers one applicant. Families applying together should book one slot per person.</p><ul><li>Please arrive no earlier than five minutes before your appointment.</li><li>Bring the original documents as well as one photocopy of each.</li><li>Face coverings must be worn inside the building.</li></ul><h2>What has not changed</h2><p>Certificates of no impediment, notarial acts and the renewal of passports for children under twelve can still be requested by post. Our staff will continue to answer questions at <a href="mailto:consular@valdoria-embassy.example">consular@valdoria-embassy.example</a>.</p><p>We thank everyone for their patience during the spring. The team has worked through the backlog of postal applications and every request received before 31 May has now been processed.</p>',
  '2020-06-03T09:15:00.000Z', 'published', 0, NULL, '2020-06-02T16:40:00.000Z', '2020-06-03T09:15:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  2, 'statement-on-valdoria-day-celebrations-online', 'statement', 'en',
  'Statement on this year''s Valdoria Day celebrations, which will be held online',
  'The Embassy will not hold its traditional garden reception for Valdoria Day. Instead, friends of Valdoria are invited to join an evening of music and conversation online.',
  '<p>Every June for more than twenty years, the Embassy has opened its garden to guests from across the United Kingdom to mark Valdoria Day. This year, for the first time, the reception will not take place in person.</p><p>We know how much the gathering means to the Valdorian community and to our British friends. The decision was not taken lightly, but the health of our guests must come first.</p><h2>An evening online</h2><p>On <strong>Saturday 20 June at 18:00 London time</strong>, we will broadcast a programme of folk music from the highlands of Corvena province, a short address by the Ambassador and messages sent in by Valdorians living in Britain.</p><p>The broadcast will be available on the <a href="https://valdoria-embassy.example/valdoria-day">Valdoria Day page</a> and will remain there for a month afterwards.</p><blockquote><p>A celebration is not measured by the size of the room but by the number of people who feel part of it.</p></blockquote><p>We look forward to celebrating together again in the garden next summer.</p>',
  '2020-06-12T10:00:00.000Z', 'published', 0, NULL, '2020-06-11T14:05:00.000Z', '2020-06-12T10:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  3, 'why-valdoria-and-the-uk-need-a-modern-trade-partnership', 'article', 'en',
  'Why Valdoria and the United Kingdom need a modern trade partnership',
  'Trade between our two countries has grown steadily for a decade, yet the rules that govern it were written for another era. In this article the Ambassador sets out what a new agreement could achieve.',
  '<p>When the first trade agreement between Valdoria and the United Kingdom was signed, most of the goods that crossed between us travelled in wooden crates. Today, a growing share of what we exchange never touches a ship at all: software, design, engineering advice and financial services.</p><p>The agreement has served both sides well. But it says nothing about data, very little about services and nothing at all about the small companies that now make up most of our exporters.</p><h2>Three priorities</h2><ul><li><strong>Services.</strong> Valdorian architects and British engineers already work on each other''s projects. Recognising professional qualifications would remove months of paperwork.</li><li><strong>Small firms.</strong> A single contact point for small exporters in each country would help companies that cannot afford specialist advisers.</li><li><strong>Green goods.</strong> Lower tariffs on heat pumps, insulation materials and electric buses would serve both our climate commitments.</li></ul><h2>Listening first</h2><p>Before any negotiation begins, we want to hear from the businesses that do the trading. The Embassy has opened a <a href="https://valdoria-embassy.example/trade/consultation">short consultation</a> and will share a summary of the answers in the autumn.</p><p>Valdoria is a small country with a long memory of open markets. We believe that a modern partnership with the United Kingdom can be a model for others, and we intend to make the case for it patiently and in good faith.</p><p><em>Teodor Marelis is the Ambassador of the Republic of Valdoria to the United Kingdom.</em></p>',
  '2020-06-24T13:30:00.000Z', 'published', 1, NULL, '2020-06-22T11:00:00.000Z', '2020-06-24T15:12:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  4, 'ambassador-marelis-our-students-are-our-best-ambassadors', 'interview', 'en',
  'Ambassador Marelis: our students in Britain are our best ambassadors',
  'In a conversation with a student newsletter, Ambassador Teodor Marelis talks about the four thousand young Valdorians studying in the United Kingdom and what the Embassy does to support them.',
  '<p><strong>How many Valdorian students are in the United Kingdom today?</strong></p><p>A little over four thousand, from first-year undergraduates to doctoral researchers. Ten years ago the figure was under a thousand, so the growth has been remarkable.</p><p><strong>What do they study?</strong></p><p>Engineering and medicine are the most popular subjects, but I meet more and more students of history, music and languages. Last month I spoke to a young woman from Corvena who is writing her thesis on medieval Welsh poetry. That made me very proud.</p><p><strong>What has this spring been like for them?</strong></p><p>Difficult. Many were far from home when the borders closed, and some could not travel back for family events. The Embassy set up a telephone line for students and answered more than six hundred calls in April alone.</p><blockquote><p>When a Valdorian student does well in a British laboratory, people here learn more about our country than from any brochure we could print.</p></blockquote><p><strong>What would you say to students thinking of coming next year?</strong></p><p>Come, and register with the Embassy when you arrive. It takes five minutes on our <a href="https://valdoria-embassy.example/students">students page</a> and it means we can reach you if something goes wrong.</p>',
  '2020-07-02T08:45:00.000Z', 'published', 1, 'tg-ambassador-students-interview', '2020-07-01T17:20:00.000Z', '2020-07-02T08:45:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  5, 'posol-marelis-nashi-studenty-luchshie-posly', 'interview', 'ru',
  'Посол Марелис: наши студенты в Великобритании — наши лучшие послы',
  'В беседе со студенческой газетой посол Теодор Марелис рассказывает о четырёх тысячах молодых валдорийцев, которые учатся в Великобритании, и о том, как посольство им помогает.',
  '<p><strong>Сколько валдорийских студентов сейчас учится в Великобритании?</strong></p><p>Чуть больше четырёх тысяч — от первокурсников до аспирантов. Десять лет назад их было меньше тысячи, так что рост впечатляющий.</p><p><strong>Что они изучают?</strong></p><p>Больше всего студентов выбирают инженерные специальности и медицину, но я всё чаще встречаю историков, музыкантов и филологов. В прошлом месяце я познакомился со студенткой из Корвены, которая пишет диссертацию о средневековой валлийской поэзии. Я был очень горд.</p><p><strong>Какой была для них эта весна?</strong></p><p>Непростой. Многие оказались вдали от дома, когда закрылись границы. Посольство открыло телефонную линию для студентов и только в апреле ответило более чем на шестьсот звонков.</p><blockquote><p>Когда валдорийский студент добивается успеха в британской лаборатории, здесь узнают о нашей стране больше, чем из любой брошюры.</p></blockquote><p><strong>Что бы вы посоветовали тем, кто собирается приехать в следующем году?</strong></p><p>Приезжайте и встаньте на учёт в посольстве. Это занимает пять минут на <a href="https://valdoria-embassy.example/ru/students">странице для студентов</a>, зато мы сможем связаться с вами, если что-то случится.</p>',
  '2020-07-03T07:30:00.000Z', 'published', 1, 'tg-ambassador-students-interview', '2020-07-02T15:00:00.000Z', '2020-07-03T07:30:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  6, 'embassy-launches-online-book-club-on-valdorian-poetry', 'news', 'en',
  'Embassy launches an online book club devoted to Valdorian poetry in translation',
  'A monthly reading circle will meet online to discuss Valdorian poets available in English. The first session looks at the river poems of Maren Oskova.',
  '<p>The Embassy''s cultural section is starting a book club for anyone curious about Valdorian literature. No knowledge of the Valdorian language is needed: every book chosen has been published in English translation.</p><h2>First meeting</h2><p>The first session takes place on <strong>Thursday 23 July at 19:00</strong>. We will read a selection from <em>The Slow River</em> by Maren Oskova, whose poems about the villages along the Veln have been translated into eleven languages.</p><p>Translator Hugh Penrose, who spent four years on the English edition, will join the discussion and talk about the words that refused to be translated.</p><h2>How to take part</h2><ul><li>Register on the <a href="https://valdoria-embassy.example/culture/book-club">book club page</a>.</li><li>A link to the meeting will be sent the day before.</li><li>Places are limited to forty readers per session.</li></ul><p>Future sessions will cover contemporary prose, children''s literature and a collection of Valdorian folk tales.</p>',
  '2020-07-09T11:00:00.000Z', 'published', 0, NULL, '2020-07-08T09:30:00.000Z', '2020-07-09T11:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  7, 'comment-on-press-reports-about-visa-processing-times', 'comment', 'en',
  'Comment by the Embassy spokesperson on press reports about visa processing times',
  'Recent articles suggested that visitor visas for Valdoria now take three months to issue. This is not the case.',
  '<p>Several newspapers have reported this week that British citizens applying for a Valdorian visitor visa must wait up to three months for a decision. The Embassy would like to correct this.</p><p>In June the average processing time for a standard visitor visa was <strong>nine working days</strong>. Ninety per cent of applications were decided within fifteen working days. Only applications that required additional documents took longer.</p><p>British citizens travelling to Valdoria for tourism for up to thirty days do not need a visa at all, as has been the case since 2014.</p><p>Current processing times are published every month on the <a href="https://valdoria-embassy.example/visas/processing-times">visa information page</a>. We encourage journalists to contact the press office before publishing figures, and we are always happy to help.</p>',
  '2020-07-21T15:20:00.000Z', 'published', 0, NULL, '2020-07-21T14:00:00.000Z', '2020-07-21T15:20:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  8, 'ambassador-addresses-anglo-valdorian-chamber-of-commerce', 'speech', 'en',
  'Ambassador''s address to the summer meeting of the Anglo-Valdorian Chamber of Commerce',
  'Speaking to members of the Chamber, Ambassador Marelis reviewed a difficult half-year for trade and named the sectors where he sees the quickest recovery.',
  '<p>Ladies and gentlemen, dear friends,</p><p>Thank you for inviting me once again, even if this year the Chamber''s summer meeting takes place on our screens rather than on the terrace by the river.</p><p>The first half of this year has been hard for everyone in this audience. Trade between Valdoria and the United Kingdom fell by almost a fifth between March and May. Some of your companies had to close workshops, others found their lorries waiting at borders for days.</p><h2>Signs of recovery</h2><p>And yet the figures for June give me reason for cautious optimism. Exports of Valdorian machine parts have returned to last year''s level. British pharmaceutical exports to Valdoria have grown. And several of you have told me that your online sales have never been stronger.</p><ul><li>Food and drink, where British demand for Valdorian cheese and wine keeps growing.</li><li>Engineering services, where our firms complement each other well.</li><li>Renewable energy, which I believe will be the story of this decade.</li></ul><h2>What the Embassy will do</h2><p>In the autumn we will open a small trade desk in the Embassy, staffed by two advisers who know both markets. Their first task will be to help companies with fewer than fifty employees. Details will be published on our <a href="https://valdoria-embassy.example/trade">trade pages</a>.</p><blockquote><p>Trade is, in the end, a conversation between people who trust each other. Our job is to keep that conversation going.</p></blockquote><p>Thank you, and I look forward to seeing you all in person next year.</p>',
  '2020-07-30T17:00:00.000Z', 'published', 1, NULL, '2020-07-29T10:10:00.000Z', '2020-07-30T17:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  9, 'applications-open-for-corvena-university-scholarships-2021', 'news', 'en',
  'Applications open for the 2021 Corvena University scholarship programme',
  'British students can apply for one of twelve fully funded scholarships to study at Corvena University in the 2021–22 academic year. The deadline is 30 November.',
  '<p>The Government of Valdoria is offering twelve scholarships to students from the United Kingdom for the 2021–22 academic year at Corvena University.</p><h2>What the scholarship covers</h2><ul><li>Tuition fees for one academic year or a full master''s programme.</li><li>A monthly allowance for living costs.</li><li>One return flight between London and Corvena.</li><li>An intensive Valdorian language course in the first month.</li></ul><h2>Who can apply</h2><p>Applicants must be British citizens who will hold an undergraduate degree by the summer of 2021. Programmes taught in English are available in economics, environmental science, public health and European history.</p><p>Full conditions and the application form are available on the <a href="https://www.mfa.valdoria.example/scholarships">scholarships portal</a>. Questions may be sent to the Embassy''s education attaché at <a href="mailto:education@valdoria-embassy.example">education@valdoria-embassy.example</a>.</p><p>The deadline for applications is <strong>30 November 2020</strong>.</p>',
  '2020-08-06T09:00:00.000Z', 'published', 0, NULL, '2020-08-05T16:00:00.000Z', '2020-08-06T09:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  10, 'valdorian-winemakers-find-new-friends-in-british-restaurants', 'article', 'en',
  'Valdorian winemakers find new friends in British restaurants',
  'Ten years ago Valdorian wine was almost unknown in Britain. Today it appears on the lists of more than three hundred restaurants. Our trade section looks at how that happened.',
  '<p>The vineyards of southern Valdoria sit on the same slopes where grapes have been grown for at least two thousand years. For most of that time, almost all of the wine was drunk within a day''s ride of the vineyard.</p><p>That began to change about a decade ago, when a group of young winemakers from the Tarn valley began to travel to trade fairs in London with a few cases in their luggage.</p><h2>A grape with a difficult name</h2><p>The white <em>Kessavra</em> grape was their main hope. British sommeliers liked its mineral taste but struggled to pronounce it. One importer suggested printing a pronunciation guide on the back label, and the idea stuck.</p><blockquote><p>People remember a wine they had to learn to say. The name became part of the story.</p></blockquote><h2>The numbers</h2><p>Exports of Valdorian wine to the United Kingdom reached almost two million bottles last year. Wine is now the third largest Valdorian food export to Britain, after cheese and honey.</p><p>The Embassy''s trade desk keeps a <a href="https://valdoria-embassy.example/trade/wine-importers">list of importers</a> for restaurants and shops that would like to add Valdorian wine to their range.</p>',
  '2020-08-14T10:30:00.000Z', 'published', 0, NULL, '2020-08-12T13:45:00.000Z', '2020-08-14T10:30:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  11, 'statement-on-the-anniversary-of-the-cultural-cooperation-agreement', 'statement', 'en',
  'Statement on the tenth anniversary of the Valdoria–UK cultural cooperation agreement',
  'Ten years ago, Valdoria and the United Kingdom signed an agreement on cooperation in culture, education and science. The Embassy looks back at what it has made possible.',
  '<p>On 19 August 2010 the foreign ministers of Valdoria and the United Kingdom signed an agreement committing both countries to support exchanges in culture, education and science.</p><p>Over ten years the agreement has supported:</p><ul><li>more than two hundred exchanges of teachers and researchers,</li><li>thirty-four exhibitions of Valdorian art in British galleries,</li><li>the translation of sixty British books into Valdorian and twenty-two Valdorian books into English,</li><li>joint archaeological work at the Roman fort near Lessak.</li></ul><p>We are grateful to the many British institutions, large and small, that have opened their doors to Valdorian artists and scholars.</p><p>The Embassy will mark the anniversary with a series of events in the autumn, which will be announced on the <a href="https://valdoria-embassy.example/culture">culture pages</a>.</p>',
  '2020-08-19T12:00:00.000Z', 'published', 0, NULL, '2020-08-18T15:30:00.000Z', '2020-08-19T12:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  12, 'updated-travel-guidance-for-valdorian-citizens-in-the-uk', 'news', 'en',
  'Updated travel guidance for Valdorian citizens living in or visiting the United Kingdom',
  'The Ministry of Foreign Affairs has updated its travel guidance. Valdorian citizens returning home must now complete an online arrival form before they travel.',
  '<p>From <strong>1 September 2020</strong>, all travellers arriving in Valdoria, including Valdorian citizens, must fill in an online arrival form no earlier than seventy-two hours before departure.</p><h2>What you need to know</h2><ul><li>The form is available on the <a href="https://www.mfa.valdoria.example/arrival-form">Ministry''s website</a> in Valdorian and English.</li><li>After submitting it you will receive a code by email. Keep it on your phone or print it out.</li><li>Airlines may ask to see the code at check-in.</li></ul><p>Citizens who are unable to complete the form online, for example elderly travellers without internet access, may call the consular section and our staff will help them over the phone.</p><p>We recommend that all Valdorian citizens staying in the United Kingdom for more than three months register with the Embassy, so that we can contact them if the rules change again.</p>',
  '2020-08-27T14:10:00.000Z', 'published', 0, NULL, '2020-08-27T10:00:00.000Z', '2020-08-27T14:10:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  13, 'ambassador-opens-valdorian-film-week-in-london', 'speech', 'en',
  'Speech by the Ambassador at the opening of the Valdorian Film Week in London',
  'Opening the seventh Valdorian Film Week, Ambassador Marelis spoke about the small film industry of a small country and the stories it chooses to tell.',
  '<p>Good evening, and welcome to the seventh Valdorian Film Week.</p><p>It is a great pleasure to stand in a cinema again, even one in which every second seat is empty. I want to thank the staff of the cinema for the care with which they have prepared this evening.</p><h2>A small industry with large ambitions</h2><p>Valdoria makes about fifteen feature films a year. That is fewer than some studios release in a single month. But our film-makers have learned to do a great deal with very little, and in the last five years Valdorian films have won prizes at festivals on four continents.</p><p>The eight films you will see this week range from a comedy about a village postmaster to a documentary about the last shepherds of the Ardel mountains.</p><blockquote><p>A small country cannot afford to tell small stories. It has to tell the ones that matter to everyone.</p></blockquote><p>I am especially glad that two of the directors have been able to travel to London and will talk to the audience after their screenings.</p><p>The full programme is available on the <a href="https://valdoria-embassy.example/culture/film-week">Film Week page</a>. Enjoy the films.</p>',
  '2020-09-03T18:30:00.000Z', 'published', 0, 'tg-film-week-opening-speech', '2020-09-03T09:00:00.000Z', '2020-09-03T18:30:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  14, 'posol-otkryl-nedelyu-valdoriyskogo-kino-v-londone', 'speech', 'ru',
  'Выступление посла на открытии Недели валдорийского кино в Лондоне',
  'Открывая седьмую Неделю валдорийского кино, посол Теодор Марелис рассказал о небольшой киноиндустрии небольшой страны и о тех историях, которые она выбирает.',
  '<p>Добрый вечер и добро пожаловать на седьмую Неделю валдорийского кино.</p><p>Я очень рад снова оказаться в кинозале, пусть даже каждое второе кресло сегодня пустует. Благодарю сотрудников кинотеатра за то, с какой заботой они подготовили этот вечер.</p><h2>Небольшая индустрия с большими амбициями</h2><p>В Валдории снимают около пятнадцати полнометражных фильмов в год. Но наши режиссёры научились многого добиваться скромными средствами, и за последние пять лет валдорийские фильмы получили награды на фестивалях четырёх континентов.</p><p>Восемь картин этой недели — от комедии о сельском почтмейстере до документального фильма о последних пастухах Ардельских гор.</p><blockquote><p>Маленькая страна не может позволить себе рассказывать маленькие истории. Она должна рассказывать те, что важны для всех.</p></blockquote><p>Полная программа опубликована на <a href="https://valdoria-embassy.example/ru/culture/film-week">странице кинонедели</a>. Приятного просмотра.</p>',
  '2020-09-04T07:00:00.000Z', 'published', 0, 'tg-film-week-opening-speech', '2020-09-03T20:15:00.000Z', '2020-09-04T07:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  15, 'trade-minister-oskar-brenn-on-green-energy-cooperation', 'interview', 'en',
  'Trade Minister Oskar Brenn on green energy cooperation with the United Kingdom',
  'During a short visit to London, Valdoria''s Minister of Trade spoke to the Embassy about offshore wind, hydrogen and why he thinks small countries should move first.',
  '<p><strong>Minister, what brings you to London this week?</strong></p><p>Wind, mostly. British companies have built more offshore wind capacity than almost anyone in the world, and Valdoria is about to tender its first offshore field in the Gulf of Sarn. We want to learn from people who have already made the mistakes.</p><p><strong>Is there a role for Valdorian companies in Britain too?</strong></p><p>Certainly. Our firms make cables, turbine components and control software. Three of them already supply British projects. I would like that number to be thirty.</p><p><strong>Why should a small country move first on green energy?</strong></p><p>Because we import almost all of our fuel. Every wind turbine we build is a little more independence. And a small market can test ideas quickly, which makes us a useful partner for larger countries.</p><h2>Next steps</h2><p>The Minister''s meetings in London prepared a memorandum on renewable energy cooperation, which both governments expect to sign later this year. Companies interested in the Sarn tender can find the timetable on the <a href="https://www.mfa.valdoria.example/energy/sarn-offshore">Ministry''s energy page</a>.</p>',
  '2020-09-10T13:00:00.000Z', 'published', 0, NULL, '2020-09-09T18:40:00.000Z', '2020-09-10T13:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  16, 'comment-on-the-postponement-of-the-corvena-marathon', 'comment', 'en',
  'Comment on the postponement of the Corvena International Marathon to the spring',
  'The organisers of the Corvena International Marathon have moved this year''s race to April 2021. British runners who registered will keep their places.',
  '<p>The Embassy has received many questions from British runners about the Corvena International Marathon, which was due to take place on 11 October.</p><p>The organising committee has decided to postpone the race to <strong>Sunday 18 April 2021</strong>. All registrations remain valid and no new fee will be charged. Runners who cannot take part in April may ask for a full refund until 31 December.</p><p>Around four hundred runners from the United Kingdom had registered for this year''s race, more than from any other country outside Valdoria. We hope to see all of them on the banks of the Veln in the spring.</p><p>Further information is available from the <a href="https://corvena-marathon.example/en">organisers'' website</a>.</p>',
  '2020-09-17T10:45:00.000Z', 'published', 0, NULL, '2020-09-17T09:20:00.000Z', '2020-09-17T10:45:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  17, 'honorary-consulate-of-valdoria-opens-in-edinburgh', 'news', 'en',
  'Honorary consulate of Valdoria opens in Edinburgh to serve citizens in Scotland',
  'Valdorian citizens in Scotland will no longer need to travel to London for simple consular services. The new honorary consul, Fiona Kerr, takes up her post on 1 October.',
  '<p>The Republic of Valdoria has opened an honorary consulate in Edinburgh. About eight hundred Valdorian citizens live in Scotland, and until now all of them had to travel to London for consular matters.</p><h2>Services offered</h2><ul><li>Certification of copies and signatures.</li><li>Help with passport applications, which are then forwarded to the Embassy.</li><li>Assistance to Valdorian citizens in difficulty, including those arrested or in hospital.</li></ul><p>Visa applications and the issue of passports remain with the consular section in London.</p><h2>The honorary consul</h2><p>Fiona Kerr is a lawyer who studied in Corvena in the 1990s and speaks fluent Valdorian. She has been a member of the Scottish–Valdorian Friendship Society for many years.</p><p>Contact details and opening hours are listed on the <a href="https://valdoria-embassy.example/consular/edinburgh">Edinburgh consulate page</a>.</p>',
  '2020-09-24T09:30:00.000Z', 'published', 0, NULL, '2020-09-23T12:00:00.000Z', '2020-09-24T09:30:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  18, 'a-century-of-valdorian-teachers-in-british-classrooms', 'article', 'en',
  'A century of Valdorian teachers in British classrooms',
  'The first Valdorian teacher to work in a British school arrived in Leeds in 1921. The Embassy''s education attaché traces the story of those who followed her.',
  '<p>In September 1921 a young mathematics teacher named Anna Deloska stepped off a train in Leeds with a suitcase, a letter of recommendation and very little English. Within a year she was teaching algebra to forty girls at a school in Headingley.</p><p>She was the first of many. Over the century that followed, hundreds of Valdorian teachers have worked in British schools, most of them for a year or two, some for the rest of their lives.</p><h2>The exchange years</h2><p>The largest group came in the 1970s, under an exchange scheme between teacher-training colleges. British teachers went to Corvena and Tarn, Valdorian teachers came to Manchester, Cardiff and Belfast.</p><blockquote><p>I taught them fractions and they taught me how to queue. I think I got the better deal.</p></blockquote><p>That remark, from a retired teacher interviewed for this article, is typical of the good humour with which many remember those years.</p><h2>Collecting the stories</h2><p>Next year the Embassy will mark the centenary with a small exhibition. We are looking for photographs, letters and memories from former teachers and their pupils. If you can help, please write to <a href="mailto:education@valdoria-embassy.example">education@valdoria-embassy.example</a> or use the <a href="https://valdoria-embassy.example/education/centenary">centenary page</a>.</p>',
  '2020-09-29T08:00:00.000Z', 'published', 1, NULL, '2020-09-25T14:30:00.000Z', '2020-09-29T10:05:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  19, 'embassy-sends-letters-to-veterans-on-day-of-older-persons', 'news', 'en',
  'Embassy marks the International Day of Older Persons with letters to veterans',
  'Children from the Valdorian Saturday school in London have written letters to older members of the community who cannot receive visitors this year.',
  '<p>On the International Day of Older Persons, the Embassy delivered more than one hundred and twenty handwritten letters to older Valdorians living in the United Kingdom.</p><p>The letters were written by pupils of the Valdorian Saturday school in Ealing, who spent two lessons in September drawing pictures and practising their handwriting in Valdorian.</p><p>Many recipients are former miners and textile workers who came to Britain in the 1950s and 1960s. Several have replied already, and the school hopes the exchange will continue.</p><p>Families who know an older Valdorian who would like to receive a letter can contact the community desk through the <a href="https://valdoria-embassy.example/community">community page</a>.</p>',
  '2020-10-01T10:00:00.000Z', 'published', 0, NULL, '2020-09-30T16:50:00.000Z', '2020-10-01T10:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  20, 'statement-on-the-results-of-the-parliamentary-elections', 'statement', 'en',
  'Statement on the results of the parliamentary elections in the Republic of Valdoria',
  'The Central Electoral Commission has published the final results of the elections to the National Assembly held on 27 September. Turnout among voters abroad reached a record level.',
  '<p>The Central Electoral Commission of the Republic of Valdoria has announced the final results of the elections to the National Assembly held on Sunday 27 September 2020.</p><p>Turnout across the country was 68.4 per cent. The new Assembly will hold its first session on 12 October.</p><h2>Voting in the United Kingdom</h2><p>For the first time, Valdorian citizens in the United Kingdom could vote in three places: the Embassy in London, and polling stations in Manchester and Edinburgh. <strong>5,214 citizens</strong> cast their votes here, nearly twice as many as in 2016.</p><p>We thank the volunteers who worked at the polling stations and the local authorities that helped us find suitable rooms at short notice.</p><p>The full results by constituency are available on the <a href="https://elections.valdoria.example/2020/results">Commission''s website</a>.</p>',
  '2020-10-02T11:30:00.000Z', 'published', 0, NULL, '2020-10-02T09:10:00.000Z', '2020-10-02T11:30:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  21, 'foreign-minister-varsk-address-to-the-london-forum-on-european-affairs', 'speech', 'en',
  'Address by Foreign Minister Ilena Varsk to the London Forum on European Affairs',
  'In her first speech in London as Foreign Minister, Ilena Varsk set out Valdoria''s priorities for the coming years: a close partnership with the United Kingdom, open trade and a common effort against climate change.',
  '<p>Chair, Excellencies, ladies and gentlemen,</p><p>It is an honour to address the Forum, and a particular pleasure to do so in London, a city where I spent two happy years as a young diplomat, learning the difference between a queue and a crowd.</p><h2>A friendship that does not depend on treaties</h2><p>The relationship between Valdoria and the United Kingdom is older than any of the agreements that describe it. Our universities, our orchestras and our football clubs were talking to each other long before our governments thought to put it in writing.</p><p>Today I want to suggest three areas where that friendship should grow.</p><ul><li><strong>Trade.</strong> A new agreement that covers services and data, not only goods.</li><li><strong>Climate.</strong> Joint work on offshore wind and on the protection of the North Atlantic.</li><li><strong>People.</strong> Easier movement for students, researchers and young workers.</li></ul><h2>Small countries in a large world</h2><p>Valdoria has five million citizens. We know that we cannot shape the world alone. But we have also learned that a small country that keeps its word, pays its share and listens carefully is rarely without friends.</p><blockquote><p>Our foreign policy can be summed up in one sentence: be reliable, and be present.</p></blockquote><p>Thank you. I look forward to your questions.</p><p>The full text and a recording are available on the <a href="https://www.mfa.valdoria.example/speeches/london-forum-2020">Ministry''s website</a>.</p>',
  '2020-10-05T16:00:00.000Z', 'published', 1, 'tg-varsk-london-forum', '2020-10-05T08:30:00.000Z', '2020-10-05T17:45:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  22, 'vystuplenie-ministra-varsk-na-londonskom-forume', 'speech', 'ru',
  'Выступление министра иностранных дел Илены Варск на Лондонском форуме по европейским делам',
  'В своей первой лондонской речи в должности министра Илена Варск изложила приоритеты Валдории: тесное партнёрство с Великобританией, открытая торговля и общие усилия в борьбе с изменением климата.',
  '<p>Уважаемый председатель, ваши превосходительства, дамы и господа!</p><p>Для меня большая честь выступать на Форуме и особенно приятно делать это в Лондоне — городе, где я провела два счастливых года молодым дипломатом.</p><h2>Дружба, которая не зависит от договоров</h2><p>Отношения между Валдорией и Великобританией старше любого соглашения, которое их описывает. Наши университеты, оркестры и футбольные клубы общались задолго до того, как правительства решили закрепить это на бумаге.</p><p>Сегодня я хочу назвать три направления, в которых эта дружба должна развиваться.</p><ul><li><strong>Торговля.</strong> Новое соглашение, охватывающее услуги и данные, а не только товары.</li><li><strong>Климат.</strong> Совместная работа в области морской ветроэнергетики и защиты Северной Атлантики.</li><li><strong>Люди.</strong> Более простые поездки для студентов, исследователей и молодых специалистов.</li></ul><h2>Малые страны в большом мире</h2><p>В Валдории пять миллионов граждан. Мы понимаем, что не можем в одиночку менять мир. Но мы также знаем, что у маленькой страны, которая держит слово и умеет слушать, редко не бывает друзей.</p><blockquote><p>Нашу внешнюю политику можно выразить одной фразой: быть надёжными и быть рядом.</p></blockquote><p>Благодарю вас. Полный текст и запись выступления доступны на <a href="https://www.mfa.valdoria.example/ru/speeches/london-forum-2020">сайте министерства</a>.</p>',
  '2020-10-06T08:15:00.000Z', 'published', 1, 'tg-varsk-london-forum', '2020-10-05T21:00:00.000Z', '2020-10-06T08:15:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  23, 'passport-applications-can-now-be-submitted-by-post', 'news', 'en',
  'Passport renewal applications can now be submitted entirely by post',
  'Adult Valdorian citizens living in the United Kingdom can now renew their passports without visiting the Embassy, thanks to a new remote fingerprint procedure.',
  '<p>From <strong>12 October 2020</strong>, adults renewing a Valdorian passport no longer need to come to the Embassy in person, provided their fingerprints were taken for a previous passport issued after 2015.</p><h2>How it works</h2><ul><li>Fill in the renewal form on the <a href="https://valdoria-embassy.example/consular/passports">passports page</a>.</li><li>Send the form, two photographs, your current passport and proof of payment by recorded delivery.</li><li>The new passport will be returned by secure courier, usually within four weeks.</li></ul><p>First passports, passports for children and applications from citizens whose fingerprints are not on record still require a visit to the consular section.</p><p>The fee for a postal renewal is the same as for an application in person. The courier charge for the return journey is included.</p>',
  '2020-10-08T09:00:00.000Z', 'published', 0, NULL, '2020-10-07T15:25:00.000Z', '2020-10-08T09:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  24, 'ambassador-talks-to-students-about-careers-in-diplomacy', 'interview', 'en',
  'The Ambassador talks to sixth-form students about careers in diplomacy',
  'Pupils from a London sixth-form college put their questions to Ambassador Marelis: how do you become a diplomat, what does an embassy actually do, and is it all receptions?',
  '<p>As part of a careers week organised by a sixth-form college in south London, Ambassador Teodor Marelis answered questions from students over a video call. Here is a shortened version of the conversation.</p><p><strong>How did you become a diplomat?</strong></p><p>Almost by accident. I studied geography and wanted to make maps. Then a professor suggested I sit the foreign service exam, mainly, I think, because I spoke four languages badly. I passed, and thirty years later here I am.</p><p><strong>What does an embassy actually do all day?</strong></p><p>Much less glamorous things than in films. We renew passports, visit citizens in hospital, help companies find partners, read a great deal of news and write reports about it. The receptions are a very small part of the job.</p><p><strong>Is it all receptions, though?</strong></p><p>If it were, I would be much heavier. No. Most days I am at my desk or in meetings.</p><blockquote><p>The most important skill in diplomacy is not speaking well. It is listening well and remembering what you heard.</p></blockquote><p><strong>What would you advise someone who wants to do this job?</strong></p><p>Learn languages, read history and be curious about people who do not think like you. And do not be afraid of boring work. Much of diplomacy is boring work done carefully.</p>',
  '2020-10-12T14:00:00.000Z', 'published', 1, NULL, '2020-10-09T11:15:00.000Z', '2020-10-12T14:30:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  25, 'five-valdorian-dishes-to-try-in-london-this-autumn', 'article', 'en',
  'Five Valdorian dishes to try in London this autumn, from mushroom soup to honey cake',
  'Autumn is the season when Valdorian cooking is at its best. Here are five dishes worth looking for in London''s restaurants, or cooking at home.',
  '<p>Valdorian cooking is built on what the forests and the fields give in late summer and autumn: mushrooms, plums, walnuts, honey and slow-cooked meat. Here are five dishes to start with.</p><h2>1. Forest mushroom soup</h2><p>Made with dried and fresh mushrooms, barley and a spoonful of sour cream. Every family has its own recipe and every family believes theirs is the only correct one.</p><h2>2. Plum dumplings</h2><p>Whole plums wrapped in potato dough, boiled and rolled in toasted breadcrumbs and sugar. Served as a main course in the villages and as a dessert in the towns.</p><h2>3. Tarn valley lamb</h2><p>Lamb cooked for six hours with white wine, garlic and wild thyme, traditionally in a clay pot sealed with bread dough.</p><h2>4. Walnut bread</h2><p>A dense rye bread with walnuts and a little honey, eaten with cheese. It keeps for a week, which is why shepherds took it into the mountains.</p><h2>5. Honey cake</h2><p>Eight thin layers of honey sponge with a sour cream filling. It must rest for a day before it is eaten, which requires more patience than most of us have.</p><p>A list of London restaurants serving Valdorian food is kept on our <a href="https://valdoria-embassy.example/culture/food">food and drink page</a>.</p>',
  '2020-10-14T11:00:00.000Z', 'published', 0, NULL, '2020-10-12T16:00:00.000Z', '2020-10-14T11:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  26, 'visa-fees-waived-for-british-students-in-2021', 'news', 'en',
  'Visa fees for British students to be waived throughout 2021',
  'The Government of Valdoria has decided not to charge visa fees to British students and researchers applying for study visas in 2021.',
  '<p>From <strong>1 January to 31 December 2021</strong>, British citizens applying for a Valdorian study visa or a research visa will not pay the usual application fee.</p><p>The measure is part of a wider programme to attract international students back to Valdorian universities after a difficult year.</p><h2>Who benefits</h2><ul><li>Students accepted on a degree programme at a Valdorian university.</li><li>Participants in exchange programmes lasting more than ninety days.</li><li>Researchers invited by a Valdorian university or research institute.</li></ul><p>All other requirements, including proof of funds and health insurance, remain unchanged. Details are available on the <a href="https://valdoria-embassy.example/visas/study">study visa page</a>.</p>',
  '2020-10-15T12:00:00.000Z', 'published', 0, NULL, '2020-10-15T08:40:00.000Z', '2020-10-15T12:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  27, 'statement-on-the-memorandum-on-renewable-energy-cooperation', 'statement', 'en',
  'Statement on the signing of the memorandum on renewable energy cooperation',
  'Valdoria and the United Kingdom have signed a memorandum of understanding on cooperation in renewable energy, covering offshore wind, grids and research.',
  '<p>Today the Minister of Trade of the Republic of Valdoria, Oskar Brenn, and his British counterpart signed a memorandum of understanding on cooperation in renewable energy.</p><p>The memorandum provides for:</p><ul><li>the exchange of experience in the planning and tendering of offshore wind farms,</li><li>joint research on energy storage and grid stability,</li><li>a yearly meeting of officials and industry representatives, alternating between Corvena and London.</li></ul><p>The signing follows the Minister''s visit to London in September and several months of preparation by both ministries.</p><blockquote><p>This memorandum is short, but it opens a long road. We intend to walk it together.</p></blockquote><p>The text of the memorandum will be published on the <a href="https://www.mfa.valdoria.example/energy/memorandum-uk-2020">Ministry''s website</a>.</p>',
  '2020-10-15T12:00:00.000Z', 'published', 0, NULL, '2020-10-14T18:00:00.000Z', '2020-10-15T12:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  28, 'comment-on-an-article-about-valdorian-farm-exports', 'comment', 'en',
  'Comment by the spokesperson on a newspaper article about Valdorian farm exports',
  'An article published this weekend claimed that Valdorian cheese exports rely on subsidies banned under international rules. The Embassy rejects this claim.',
  '<p>A weekend newspaper has published an article suggesting that Valdorian cheese producers receive export subsidies that are not permitted under international trade rules.</p><p>This is incorrect. Valdoria ended all agricultural export subsidies in 2011. The support that Valdorian farmers receive today is linked to land management and animal welfare, and it is reported every year in full to the relevant international bodies.</p><p>The success of Valdorian cheese in British shops has a simpler explanation: people like it.</p><p>The Embassy has written to the newspaper and asked for a correction. Our figures are available on the <a href="https://valdoria-embassy.example/trade/agriculture">agriculture and trade page</a>, and the press office is ready to answer further questions.</p>',
  '2020-10-19T10:15:00.000Z', 'published', 0, NULL, '2020-10-19T09:00:00.000Z', '2020-10-19T10:15:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  29, 'valdorian-national-orchestra-to-stream-concert-from-corvena', 'news', 'en',
  'Valdorian National Orchestra to stream a free concert from Corvena for British audiences',
  'On Saturday 31 October the Valdorian National Orchestra will perform a programme of Valdorian and British music. The concert will be streamed free of charge.',
  '<p>The Valdorian National Orchestra, conducted by Marta Ilvessen, will give a concert in the Great Hall of the Corvena Conservatoire on <strong>Saturday 31 October at 19:00 London time</strong>.</p><h2>Programme</h2><ul><li>Petr Anvald, <em>Overture to the Veln</em></li><li>Ralph Vaughan Williams, <em>The Lark Ascending</em></li><li>Sofia Karesh, Symphony No. 2, <em>The Northern Lakes</em></li></ul><p>The soloist in <em>The Lark Ascending</em> will be the young violinist Lena Dorvak, who studied in London and won the Corvena Violin Competition last year.</p><p>The concert will be streamed on the <a href="https://valdoria-embassy.example/culture/orchestra-live">Embassy''s website</a> and will remain available for two weeks. No registration is needed.</p>',
  '2020-10-20T13:00:00.000Z', 'published', 0, 'tg-orchestra-stream-2020', '2020-10-20T10:30:00.000Z', '2020-10-20T13:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  30, 'natsionalnyy-orkestr-valdorii-dast-kontsert-onlayn', 'news', 'ru',
  'Национальный оркестр Валдории даст бесплатный онлайн-концерт из Корвены',
  'В субботу, 31 октября, Национальный оркестр Валдории исполнит произведения валдорийских и британских композиторов. Концерт будет транслироваться бесплатно.',
  '<p>Национальный оркестр Валдории под управлением Марты Ильвессен выступит в Большом зале Корвенской консерватории <strong>в субботу, 31 октября, в 19:00 по лондонскому времени</strong>.</p><h2>Программа</h2><ul><li>Петр Анвальд, <em>Увертюра «Вельн»</em></li><li>Ральф Воан-Уильямс, <em>«Взлетающий жаворонок»</em></li><li>София Кареш, Симфония № 2 <em>«Северные озёра»</em></li></ul><p>Солировать в «Жаворонке» будет молодая скрипачка Лена Дорвак, которая училась в Лондоне и в прошлом году победила на Корвенском конкурсе скрипачей.</p><p>Трансляция будет доступна на <a href="https://valdoria-embassy.example/ru/culture/orchestra-live">сайте посольства</a> в течение двух недель. Регистрация не требуется.</p>',
  '2020-10-21T08:00:00.000Z', 'published', 0, 'tg-orchestra-stream-2020', '2020-10-20T17:10:00.000Z', '2020-10-21T08:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  31, 'ambassador-speech-at-constitution-day-reception', 'speech', 'en',
  'Speech by the Ambassador at the reception marking the Day of the Constitution',
  'At a small reception for the Day of the Constitution, Ambassador Marelis spoke about the document adopted in 1991 and about the Valdorians in Britain who helped to write it.',
  '<p>Dear guests, dear compatriots,</p><p>This evening we are fewer than usual, and we are standing further apart than usual. But I am glad that we can mark the Day of the Constitution together, in the same room, at least for an hour.</p><h2>A document written by many hands</h2><p>When the Constitution of the Republic of Valdoria was adopted in October 1991, it was the work of a commission of twenty-one people. Not many know that three of them had spent years in exile here in London, and that the first draft of the chapter on civil rights was typed in a flat in Bayswater.</p><p>That chapter begins with a sentence that every Valdorian schoolchild learns by heart:</p><blockquote><p>Every person is free, and every freedom carries a duty to the freedom of others.</p></blockquote><h2>Our duty today</h2><p>In a year when so many freedoms have had to be limited for the sake of our health, that sentence reads differently. It reminds us that the limits we accept are themselves a duty to others, and that they must end when the danger ends.</p><p>I want to thank the Valdorian community in Britain for the patience and solidarity it has shown this year. You have looked after each other, and you have looked after your British neighbours.</p><p>Happy Constitution Day.</p>',
  '2020-10-22T18:00:00.000Z', 'published', 1, NULL, '2020-10-22T12:00:00.000Z', '2020-10-22T19:20:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  32, 'consular-section-closed-on-26-october', 'news', 'en',
  'Consular section closed on Monday 26 October for the Harvest Day public holiday',
  'The consular section will be closed on Monday 26 October, a public holiday in Valdoria. Appointments booked for that day will be moved automatically.',
  '<p>Harvest Day is a public holiday in the Republic of Valdoria, and the Embassy''s consular section will be closed on <strong>Monday 26 October 2020</strong>.</p><p>Applicants who had an appointment on that day will receive an email with a new time later in the same week. There is no need to book again.</p><p>In an emergency, Valdorian citizens can reach the duty officer on the number listed on the <a href="https://valdoria-embassy.example/consular/emergencies">emergencies page</a>. This number is answered every day of the year.</p><p>The consular section will reopen at 09:30 on Tuesday 27 October.</p>',
  '2020-10-23T15:00:00.000Z', 'published', 0, NULL, '2020-10-23T11:20:00.000Z', '2020-10-23T15:00:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  33, 'statement-on-assistance-to-flood-affected-regions', 'statement', 'en',
  'Statement on humanitarian assistance to the flood-affected regions of southern Valdoria',
  'Heavy rain has caused serious flooding in the south of Valdoria. The Embassy thanks all those in the United Kingdom who have offered help and explains how to donate.',
  '<p>Since Wednesday, heavy rain has caused the Tarn and the Osk rivers to burst their banks in several places. Around six thousand people have been evacuated from their homes in the southern provinces. Emergency services are working around the clock.</p><p>We are deeply grateful for the many messages of sympathy and offers of help that the Embassy has received from British citizens, companies and local councils over the last two days.</p><h2>How to help</h2><ul><li>The Valdorian Red Cross has opened an appeal. Donations can be made on its <a href="https://redcross.valdoria.example/flood-appeal">appeal page</a>.</li><li>The Embassy is not able to accept donations of clothes or food, as they cannot be transported quickly enough.</li><li>Companies offering equipment such as pumps or generators are asked to write to <a href="mailto:trade@valdoria-embassy.example">trade@valdoria-embassy.example</a>.</li></ul><p>Valdorian citizens in the United Kingdom who are worried about relatives in the affected areas can call the Ministry of Foreign Affairs hotline listed on the <a href="https://www.mfa.valdoria.example/flood-2020">Ministry''s website</a>.</p>',
  '2020-10-24T16:40:00.000Z', 'published', 0, NULL, '2020-10-24T14:55:00.000Z', '2020-10-24T16:40:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  34, 'draft-programme-of-events-for-the-cultural-agreement-anniversary', 'news', 'en',
  'Draft: programme of autumn events for the cultural agreement anniversary',
  'A first draft of the programme of events for the anniversary of the cultural cooperation agreement. Not for publication until the dates are confirmed.',
  '<p>This programme is still being prepared and several dates are not yet confirmed.</p><ul><li>An exhibition of Valdorian photography from the 1960s.</li><li>A lecture on the archaeology of the Roman fort near Lessak.</li><li>A concert of chamber music by young Valdorian and British performers.</li></ul><p>Further details will follow once the venues have agreed the dates.</p>',
  '2020-10-28T10:00:00.000Z', 'draft', 0, NULL, '2020-10-23T09:45:00.000Z', '2020-10-23T10:20:00.000Z'
);
INSERT INTO publications (id, slug, kind, lang, title, lead, body, published_at, status, featured, translation_group, created_at, updated_at) VALUES (
  35, 'embassy-to-celebrate-national-day-2030', 'news', 'en',
  'The Embassy invites friends of Valdoria to celebrate National Day 2030 in London',
  'The Embassy will mark National Day 2030 with an open day at the chancery building, a concert and an exhibition about forty years of Valdorian independence.',
  '<p>The Embassy will open its doors to the public to celebrate National Day. Visitors will be able to see the chancery building, meet staff from every section and try Valdorian food in the garden.</p><h2>Programme</h2><ul><li>10:00 to 16:00: open day and guided tours.</li><li>14:00: opening of the exhibition <em>Forty Years</em>.</li><li>18:00: concert by the Valdorian Youth Choir.</li></ul><p>Entry is free, but visitors are asked to register on the <a href="https://valdoria-embassy.example/national-day">National Day page</a>.</p>',
  '2030-01-15T09:00:00.000Z', 'scheduled', 0, NULL, '2020-10-20T12:00:00.000Z', '2020-10-20T12:00:00.000Z'
);

-- Tags live on each publication as a JSON list; a trigger keeps the tag index in step.
WITH t(publication_id, tag) AS (VALUES
  (1, 'consular'),
  (1, 'visas'),
  (2, 'culture'),
  (2, 'community'),
  (3, 'trade'),
  (3, 'economy'),
  (4, 'education'),
  (4, 'community'),
  (5, 'education'),
  (5, 'community'),
  (6, 'culture'),
  (6, 'literature'),
  (7, 'visas'),
  (7, 'consular'),
  (8, 'trade'),
  (8, 'economy'),
  (9, 'education'),
  (9, 'scholarships'),
  (10, 'trade'),
  (10, 'culture'),
  (11, 'culture'),
  (11, 'education'),
  (12, 'consular'),
  (12, 'travel'),
  (13, 'culture'),
  (13, 'film'),
  (14, 'culture'),
  (14, 'film'),
  (15, 'trade'),
  (15, 'energy'),
  (16, 'sport'),
  (16, 'travel'),
  (17, 'consular'),
  (17, 'community'),
  (18, 'education'),
  (18, 'history'),
  (19, 'community'),
  (19, 'education'),
  (20, 'politics'),
  (20, 'elections'),
  (21, 'politics'),
  (21, 'trade'),
  (22, 'politics'),
  (22, 'trade'),
  (23, 'consular'),
  (23, 'passports'),
  (24, 'education'),
  (24, 'diplomacy'),
  (25, 'culture'),
  (25, 'food'),
  (26, 'visas'),
  (26, 'education'),
  (27, 'trade'),
  (27, 'energy'),
  (28, 'trade'),
  (28, 'agriculture'),
  (29, 'culture'),
  (29, 'music'),
  (30, 'culture'),
  (30, 'music'),
  (31, 'politics'),
  (31, 'community'),
  (32, 'consular'),
  (33, 'humanitarian'),
  (33, 'community'),
  (34, 'culture'),
  (35, 'culture'),
  (35, 'community'))
UPDATE publications SET tags = (
  SELECT json_group_array(tag) FROM (SELECT tag FROM t WHERE t.publication_id = publications.id ORDER BY tag)
) WHERE id IN (SELECT publication_id FROM t);
