/**
 * The retrieval evaluation set: memories an agent might keep about a user and their work, and
 * questions worded differently from the memory that answers them (paraphrases, synonyms, other
 * forms of a word), plus a few that ask for an exact identifier. Each question names the one
 * memory that answers it. Written for this project; no memory is copied from anywhere.
 */
export interface EvalMemory {
  readonly key: string;
  readonly content: string;
}

export interface EvalQuestion {
  readonly question: string;
  readonly answer: string;
  /** Asks for an exact identifier (an invoice number, a ticket, a code): hybrid must not lose these. */
  readonly exact?: boolean;
}

export const EVAL_MEMORIES: readonly EvalMemory[] = [
  { key: 'diet', content: 'The user is vegetarian and does not eat meat or fish.' },
  { key: 'allergy', content: 'Severe peanut allergy: never suggest recipes with nuts.' },
  { key: 'coffee', content: 'Drinks two cups of black coffee every morning, no sugar.' },
  { key: 'theme', content: 'Prefers dark mode in every editor and terminal.' },
  { key: 'editor', content: 'Uses Neovim for writing code and VS Code only for debugging.' },
  { key: 'timezone', content: 'Lives in Lisbon; schedule calls between 9:00 and 17:00 Western European Time.' },
  { key: 'daughter', content: 'Her daughter Maya turns seven on 14 March; she wants a bicycle.' },
  { key: 'dog', content: 'Has a golden retriever named Biscuit who needs a walk at noon.' },
  { key: 'gym', content: 'Goes running along the river three times a week before breakfast.' },
  { key: 'flight', content: 'Booked flight TP1347 to Berlin departing 2 June at 07:40.' },
  { key: 'hotel', content: 'Reserved a room at Hotel Adlon in Berlin for three nights.' },
  { key: 'invoice', content: 'Invoice INV-2024-0042 for 1,200 EUR was paid on 3 May by bank transfer.' },
  { key: 'ticket', content: 'Bug JIRA-8812: login page crashes on Safari when cookies are blocked.' },
  { key: 'postgres', content: 'Production database runs PostgreSQL 16 on an r6g.large instance.' },
  { key: 'deploy', content: 'Deployments happen on Tuesdays and Thursdays after the standup.' },
  { key: 'standup', content: 'Daily standup meeting at 9:30 with the platform team.' },
  { key: 'manager', content: 'Reports to Priya Raman, head of engineering.' },
  { key: 'salary', content: 'Asked for a raise in the annual review; decision expected in October.' },
  { key: 'spanish', content: 'Learning Spanish with a tutor on Wednesday evenings.' },
  { key: 'book', content: 'Currently reading a novel by Haruki Murakami before bed.' },
  { key: 'car', content: 'Drives an electric Kia that charges overnight in the garage.' },
  { key: 'doctor', content: 'Dentist appointment on Friday at 15:00 to fix a cracked molar.' },
  { key: 'password', content: 'The staging environment password rotates every ninety days.' },
  { key: 'apikey', content: 'API key mem_live_7QX2 belongs to the billing service and must never be shared.' },
  { key: 'budget', content: 'Marketing budget for Q3 is capped at 40,000 dollars.' },
  { key: 'vacation', content: 'Taking holidays in Crete from 10 to 24 August; no work emails then.' },
  { key: 'music', content: 'Listens to jazz while concentrating; lyrics distract him.' },
  { key: 'plants', content: 'Waters the fiddle-leaf fig every Sunday.' },
  { key: 'wedding', content: 'Attending a friend’s wedding in Porto in September as best man.' },
  { key: 'sleep', content: 'Struggles with insomnia and avoids screens after 22:00.' },
  { key: 'mortgage', content: 'Mortgage payment of 950 euros leaves the account on the first of each month.' },
  { key: 'phone', content: 'Switched from an iPhone to a Pixel phone last winter.' },
  { key: 'commute', content: 'Commutes by tram to the office on Mondays and works from home otherwise.' },
  { key: 'language', content: 'Writes backend services in Go and scripts in Python.' },
  { key: 'meeting-notes', content: 'Wants meeting summaries as short bullet points, never long paragraphs.' },
  { key: 'order', content: 'Order #A77-193 of a standing desk is delayed until next week.' },
  { key: 'charity', content: 'Donates monthly to a local animal shelter.' },
  { key: 'tax', content: 'Tax return must be filed with the accountant before 30 June.' },
  { key: 'kids-school', content: 'School pickup is at 15:30; the parents alternate days.' },
  { key: 'car-service', content: 'The vehicle is due for its yearly inspection in November.' },
];

export const EVAL_QUESTIONS: readonly EvalQuestion[] = [
  { question: 'What foods should I avoid cooking for them?', answer: 'allergy' },
  { question: 'Is the user okay with a steak dinner?', answer: 'diet' },
  { question: 'How does he take his morning drink?', answer: 'coffee' },
  { question: 'Which colour scheme does she like for her IDE?', answer: 'theme' },
  { question: 'What text editor is used for programming?', answer: 'editor' },
  { question: 'Where is the user based, for booking meetings?', answer: 'timezone' },
  { question: 'What present should we buy for the child’s birthday?', answer: 'daughter' },
  { question: 'What is the name of the pet?', answer: 'dog' },
  { question: 'How often does she jog?', answer: 'gym' },
  { question: 'When does the plane to Germany leave?', answer: 'flight' },
  { question: 'Where are we staying on the trip?', answer: 'hotel' },
  { question: 'Was the bill settled?', answer: 'invoice' },
  { question: 'Which browser has the sign-in problem?', answer: 'ticket' },
  { question: 'What version of the SQL server is in prod?', answer: 'postgres' },
  { question: 'Which days do we ship releases?', answer: 'deploy' },
  { question: 'Who is the boss?', answer: 'manager' },
  { question: 'Did they request a pay increase?', answer: 'salary' },
  { question: 'Which language lessons is he taking?', answer: 'spanish' },
  { question: 'What is she reading at night?', answer: 'book' },
  { question: 'What kind of automobile does the user own?', answer: 'car' },
  { question: 'When is the dental visit?', answer: 'doctor' },
  { question: 'How much can marketing spend this quarter?', answer: 'budget' },
  { question: 'When is he on vacation in Greece?', answer: 'vacation' },
  { question: 'What music helps focus?', answer: 'music' },
  { question: 'How often should the houseplant get water?', answer: 'plants' },
  { question: 'What is happening in Portugal in the autumn?', answer: 'wedding' },
  { question: 'Does he have trouble sleeping?', answer: 'sleep' },
  { question: 'How much is the monthly home loan?', answer: 'mortgage' },
  { question: 'What smartphone does she use now?', answer: 'phone' },
  { question: 'How does the user get to work?', answer: 'commute' },
  { question: 'Which programming languages does the user code in?', answer: 'language' },
  { question: 'How should summaries of calls be formatted?', answer: 'meeting-notes' },
  { question: 'When must the taxes be submitted?', answer: 'tax' },
  { question: 'When does the car need its checkup?', answer: 'car-service' },
  { question: 'INV-2024-0042', answer: 'invoice', exact: true },
  { question: 'status of JIRA-8812', answer: 'ticket', exact: true },
  { question: 'who owns mem_live_7QX2', answer: 'apikey', exact: true },
  { question: 'A77-193', answer: 'order', exact: true },
  { question: 'flight TP1347', answer: 'flight', exact: true },
];
